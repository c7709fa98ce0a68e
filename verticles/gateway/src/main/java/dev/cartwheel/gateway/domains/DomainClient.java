package dev.cartwheel.gateway.domains;

import dev.cartwheel.codecs.Headers;
import dev.cartwheel.gateway.problems.GatewayError;
import dev.cartwheel.gateway.problems.Problem;
import dev.cartwheel.gateway.problems.ProblemException;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the gateway calls a domain: an event-bus request with a timeout, through one circuit breaker per
 * domain. Only infrastructure failures (no consumer, timeout, delivery error) count against the breaker;
 * a domain's own answer, even a failure such as EMAIL_TAKEN, proves the domain is healthy.
 * Infrastructure failures become problems here: no consumer or an open breaker → 503, timeout → 504.
 * A domain with no instance in the service registry is refused at once (503), without a request.
 * One instance per gateway verticle instance (its event loop), hence the plain map.
 */
public final class DomainClient {

  /** gateway.requestTimeoutMs, gateway.breakerMaxFailures and gateway.breakerResetMs. */
  public record Settings(Duration requestTimeout, int breakerMaxFailures, Duration breakerReset) {}

  private final Vertx vertx;
  private final EventBus bus;
  private final LiveServices services;
  private Settings settings;
  private final Map<String, CircuitBreaker> breakers = new HashMap<>();
  private final Node node;

  /** Tells this client's breakers from other gateway instances' in /info and the breaker gauge. */
  private final String instance = "#" + INSTANCES.incrementAndGet();

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  public DomainClient(Vertx vertx, Settings settings, LiveServices services) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.services = services;
    this.node = Node.of(vertx);
    // an open breaker waits no longer once a new instance appears: its failures came from the old
    // one
    // (Vert.x breakers cannot be closed from OPEN, so a fresh one takes its place)
    services.onNewInstance(
        domain -> {
          CircuitBreaker breaker = breakers.get(domain);
          if (breaker != null && breaker.state() != CircuitBreakerState.CLOSED) {
            forget(domain);
          }
        });
    this.settings = settings;
  }

  public <T> Future<T> request(String domain, String address, Object body, String requestId) {
    if (!services.running(domain)) {
      return Future.failedFuture(noService(domain));
    }
    DeliveryOptions options =
        new DeliveryOptions()
            .setSendTimeout(settings.requestTimeout().toMillis())
            .addHeader(Headers.REQUEST_ID, requestId);
    return breaker(domain)
        .<T>execute(() -> bus.<T>request(address, body, options).map(Message::body))
        .recover(error -> Future.failedFuture(asProblem(domain, error)));
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

  private void forget(String domain) {
    breakers.remove(domain).close();
    node.forgetCircuitBreaker("gateway." + domain + instance);
  }

  private CircuitBreaker breaker(String domain) {
    return breakers.computeIfAbsent(
        domain,
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

  private Throwable asProblem(String domain, Throwable error) {
    if (error instanceof OpenCircuitException) {
      int retryAfter = (int) Math.max(1, settings.breakerReset().toSeconds());
      return new ProblemException(
          Problem.of(
                  GatewayError.SERVICE_UNAVAILABLE,
                  "The "
                      + domain
                      + " service is failing; requests to it are paused. Try again shortly.")
              .retryAfter(retryAfter));
    }
    if (error instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return noService(domain);
    }
    if (error instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      return new ProblemException(
          GatewayError.UPSTREAM_TIMEOUT, "The " + domain + " service did not answer in time.");
    }
    return error;
  }

  private static ProblemException noService(String domain) {
    return new ProblemException(
        Problem.of(GatewayError.SERVICE_UNAVAILABLE, "No " + domain + " service is running.")
            .retryAfter(1));
  }
}
