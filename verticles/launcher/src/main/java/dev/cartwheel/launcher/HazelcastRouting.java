package dev.cartwheel.launcher;

import com.hazelcast.config.Config;
import dev.cartwheel.runtime.bus.ClusterRouting;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hazelcast cluster manager, able to take one consumer out of the event bus's routing before the
 * consumer unregisters (see {@link ClusterRouting}). Vert.x does not say which cluster registration a
 * consumer made, so this notes the registrations made on the calling thread while it registers one: Vert.x
 * makes them synchronously, inside {@code consumer(address, handler)}.
 */
final class HazelcastRouting extends HazelcastClusterManager implements ClusterRouting {

  private static final ThreadLocal<List<RegistrationInfo>> REGISTERING = new ThreadLocal<>();

  HazelcastRouting(Config config) {
    super(config);
  }

  @Override
  public <T> Routed<T> consumer(Vertx vertx, String address, Handler<Message<T>> handler) {
    List<RegistrationInfo> made = new ArrayList<>(1);
    REGISTERING.set(made);
    MessageConsumer<T> consumer;
    try {
      consumer = vertx.eventBus().consumer(address, handler);
    } finally {
      REGISTERING.remove();
    }
    return new Routed<>(
        consumer,
        () -> {
          // removing it again when the consumer unregisters is a no-op
          List<Future<Void>> removed =
              made.stream()
                  .map(
                      registration -> {
                        Promise<Void> promise = Promise.promise();
                        removeRegistration(address, registration, promise);
                        return promise.future();
                      })
                  .toList();
          return Future.join(removed).mapEmpty();
        });
  }

  @Override
  public void addRegistration(
      String address, RegistrationInfo registrationInfo, Completable<Void> promise) {
    List<RegistrationInfo> made = REGISTERING.get();
    if (made != null) {
      made.add(registrationInfo);
    }
    super.addRegistration(address, registrationInfo, promise);
  }
}
