package dev.cartwheel.gateway.domains;

import dev.cartwheel.runtime.discovery.ServiceRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The gateway's view of which domains have a live instance somewhere in the cluster, from the service
 * registry: reloaded on every announcement (a publication or withdrawal, including the records of a
 * dead node swept away) and every {@link #REFRESH_MS} in case one was missed. A request to a domain with
 * no instance is refused at once with 503 instead of waiting for a timeout. A new instance of a domain
 * (a failover, a node scaled out) is reported, so that a circuit breaker opened by the old one's death
 * can close at once. One per gateway verticle instance, confined to its event loop.
 */
public final class LiveServices {

  static final long REFRESH_MS = 2_000;

  private final Vertx vertx;
  private final ServiceRegistry registry;

  /** Service name → registrations of its instances that are UP. */
  private Map<String, Set<String>> running = Map.of();

  private Consumer<String> newInstance = domain -> {};
  private MessageConsumer<Object> announcements;
  private long timer = -1;
  private boolean loading;
  private boolean reloadAgain;

  public LiveServices(Vertx vertx) {
    this.vertx = vertx;
    this.registry = ServiceRegistry.of(vertx);
  }

  /** Completes once the first view is loaded. */
  public Future<Void> start() {
    announcements = vertx.eventBus().consumer(ServiceRegistry.ANNOUNCE, announced -> reload());
    timer = vertx.setPeriodic(REFRESH_MS, tick -> reload());
    return announcements
        .completion()
        .compose(registered -> registry.services())
        .map(
            services -> {
              running = upByName(services);
              return null;
            });
  }

  boolean running(String domain) {
    return running.containsKey(domain);
  }

  /** Called with a domain's name when an instance of it appears that the last view did not have. */
  void onNewInstance(Consumer<String> listener) {
    this.newInstance = listener;
  }

  public Future<Void> stop() {
    vertx.cancelTimer(timer);
    return announcements == null ? Future.succeededFuture() : announcements.unregister();
  }

  private static Map<String, Set<String>> upByName(List<ServiceRegistry.Service> services) {
    return services.stream()
        .filter(ServiceRegistry.Service::up)
        .collect(
            Collectors.groupingBy(
                ServiceRegistry.Service::name,
                Collectors.mapping(ServiceRegistry.Service::registration, Collectors.toSet())));
  }

  /** One load at a time; announcements during a load cause one more, so the last view wins. */
  private void reload() {
    if (loading) {
      reloadAgain = true;
      return;
    }
    loading = true;
    registry
        .services()
        .onComplete(
            loaded -> {
              if (loaded.succeeded()) {
                Map<String, Set<String>> before = running;
                running = upByName(loaded.result());
                running.forEach(
                    (domain, instances) -> {
                      if (!before.getOrDefault(domain, Set.of()).containsAll(instances)) {
                        newInstance.accept(domain);
                      }
                    });
              }
              loading = false;
              if (reloadAgain) {
                reloadAgain = false;
                reload();
              }
            });
  }
}
