package dev.cartwheel.gateway.domains;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.ErrorKind;
import dev.cartwheel.codecs.Headers;
import dev.cartwheel.gateway.observability.RequestIds;
import dev.cartwheel.gateway.problems.GatewayError;
import dev.cartwheel.gateway.problems.Problem;
import dev.cartwheel.gateway.problems.ProblemException;
import dev.cartwheel.runtime.bus.Releases;
import dev.cartwheel.runtime.node.Node;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the gateway calls a domain: an event-bus request with a timeout, through one circuit breaker per
 * domain. Only infrastructure failures (no consumer, timeout, delivery error) count against the breaker;
 * a domain's own answer, even a failure such as EMAIL_TAKEN, proves the domain is healthy.
 * Infrastructure failures become problems here: no consumer or an open breaker → 503, timeout → 504.
 * A domain with no instance in the service registry is refused at once (503), without a request.
 * While a release route is set for a domain ({@link ReleaseRoutes}), its requests go to the release the
 * route picks, each release with a breaker of its own, and the {@link CanaryGuard} hears every answer.
 * One instance per gateway verticle instance (its event loop), hence the plain map.
 */
public final class DomainClient {

  /** gateway.requestTimeoutMs, gateway.breakerMaxFailures, gateway.breakerResetMs and releases.*. */
  public record Settings(
      Duration requestTimeout,
      int breakerMaxFailures,
      Duration breakerReset,
      ReleaseRoutes releases) {}

  /** Names the release that answered, on responses of a domain that a release route sends somewhere. */
  public static final String RELEASE_HEADER = "Cartwheel-Release";

  private final Vertx vertx;
  private final EventBus bus;
  private final LiveServices services;
  private final CanaryGuard guard;
  private Settings settings;
  private final Map<String, CircuitBreaker> breakers = new HashMap<>();
  private final Node node;

  /** Tells this client's breakers from other gateway instances' in /info and the breaker gauge. */
  private final String instance = "#" + INSTANCES.incrementAndGet();

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  public DomainClient(Vertx vertx, Settings settings, LiveServices services, CanaryGuard guard) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.services = services;
    this.guard = guard;
    this.node = Node.of(vertx);
    // an open breaker waits no longer once a new instance appears: its failures came from the old
    // one
    // (Vert.x breakers cannot be closed from OPEN, so a fresh one takes its place)
    services.onNewInstance(
        domain ->
            List.copyOf(breakers.keySet()).stream()
                .filter(target -> target.equals(domain) || target.startsWith(domain + "@"))
                .filter(target -> breakers.get(target).state() != CircuitBreakerState.CLOSED)
                .forEach(this::forget));
    this.settings = settings;
  }

  /**
   * Sends {@code body} to {@code domain}'s {@code address} for the request {@code rc}: to the release its
   * route picks for the caller when one is set (naming it in the response's {@link #RELEASE_HEADER}),
   * else to any instance.
   */
  public <T> Future<T> request(String domain, String address, Object body, RoutingContext rc) {
    ReleaseRoutes.Route route = settings.releases().route(domain);
    if (route == null || !route.isOn()) {
      return request(domain, domain, address, body, RequestIds.of(rc));
    }
    String release = route.pick(caller(rc));
    if (!rc.response().headWritten()) {
      rc.response().putHeader(RELEASE_HEADER, release);
    }
    ReleaseRoutes.Rollback rollback = settings.releases().rollback();
    return this.<T>request(
            domain,
            domain + "@" + release,
            Releases.address(address, release),
            body,
            RequestIds.of(rc))
        .andThen(
            answer ->
                guard.record(
                    domain,
                    route,
                    rollback,
                    release,
                    answer.failed() && isServerFailure(answer.cause())));
  }

  /** {@code target}: the domain, or the domain at one release; it has a circuit breaker of its own. */
  private <T> Future<T> request(
      String domain, String target, String address, Object body, String requestId) {
    if (!services.running(domain)) {
      return Future.failedFuture(noService(domain));
    }
    DeliveryOptions options =
        new DeliveryOptions()
            .setSendTimeout(settings.requestTimeout().toMillis())
            .addHeader(Headers.REQUEST_ID, requestId);
    return breaker(target)
        .<T>execute(() -> bus.<T>request(address, body, options).map(Message::body))
        .recover(error -> Future.failedFuture(asProblem(target, error)));
  }

  private static UUID caller(RoutingContext rc) {
    User user = rc.user();
    if (user == null || user.subject() == null) {
      return null;
    }
    try {
      return UUID.fromString(user.subject());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** What a rollback counts against a release: its 5xx answers, timeouts and missing instances. */
  private static boolean isServerFailure(Throwable error) {
    if (error instanceof DomainFailure failure) {
      return failure.kind() == ErrorKind.INTERNAL || failure.kind() == ErrorKind.UNAVAILABLE;
    }
    return !(error instanceof ProblemException problem) || problem.problem().status() >= 500;
  }

  /** The release routes this client follows now. */
  public ReleaseRoutes releaseRoutes() {
    return settings.releases();
  }

  /** New timeout and breaker thresholds (live configuration); breakers start afresh with them. */
  public void update(Settings settings) {
    boolean breakersChanged =
        settings.breakerMaxFailures() != this.settings.breakerMaxFailures()
            || !settings.breakerReset().equals(this.settings.breakerReset());
    this.settings = settings;
    if (breakersChanged) {
      close();
    }
  }

  public void close() {
    List.copyOf(breakers.keySet()).forEach(this::forget);
  }

  private void forget(String target) {
    breakers.remove(target).close();
    node.forgetCircuitBreaker("gateway." + target + instance);
  }

  private CircuitBreaker breaker(String target) {
    return breakers.computeIfAbsent(
        target,
        name -> {
          CircuitBreaker breaker =
              CircuitBreaker.create(
                      "gateway." + name,
                      vertx,
                      new CircuitBreakerOptions()
                          .setMaxFailures(settings.breakerMaxFailures())
                          .setResetTimeout(settings.breakerReset().toMillis())
                          .setTimeout(-1)
                          .setNotificationAddress(null))
                  .failurePolicy(
                      result -> result.failed() && isInfrastructureFailure(result.cause()));
          node.watchCircuitBreaker("gateway." + name + instance, () -> breaker.state().name());
          return breaker;
        });
  }

  private static boolean isInfrastructureFailure(Throwable error) {
    return error instanceof ReplyException reply
        && reply.failureType() != ReplyFailure.RECIPIENT_FAILURE;
  }

  /** {@code target}: the domain, or the domain at one release. */
  private Throwable asProblem(String target, Throwable error) {
    String service = service(target);
    if (error instanceof OpenCircuitException) {
      int retryAfter = (int) Math.max(1, settings.breakerReset().toSeconds());
      return new ProblemException(
          Problem.of(
                  GatewayError.SERVICE_UNAVAILABLE,
                  "The " + service + " is failing; requests to it are paused. Try again shortly.")
              .retryAfter(retryAfter));
    }
    if (error instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return noService(target);
    }
    if (error instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      return new ProblemException(
          GatewayError.UPSTREAM_TIMEOUT, "The " + service + " did not answer in time.");
    }
    return error;
  }

  private static ProblemException noService(String target) {
    return new ProblemException(
        Problem.of(GatewayError.SERVICE_UNAVAILABLE, "No " + service(target) + " is running.")
            .retryAfter(1));
  }

  /** "orders service", or "orders service of release 1.5.0" for {@code orders@1.5.0}. */
  private static String service(String target) {
    int at = target.indexOf('@');
    return at < 0
        ? target + " service"
        : target.substring(0, at) + " service of release " + target.substring(at + 1);
  }
}
