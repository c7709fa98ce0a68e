package dev.cartwheel.runtime.bus;

import dev.cartwheel.codecs.CommonError;
import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.Headers;
import dev.cartwheel.runtime.discovery.ServiceRegistry;
import dev.cartwheel.runtime.node.Node;
import dev.cartwheel.runtime.observability.RequestContext;
import dev.cartwheel.runtime.vertx.VertxInternals;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The event-bus addresses one verticle instance answers. Every request gets an answer: the operation's
 * result, its {@link DomainFailure}, or INTERNAL_ERROR for anything unexpected (logged once, here, with
 * the request id). {@link #drain} stops answering gracefully: when clustered, the consumers leave the
 * cluster's routing and keep answering for half a second while the other nodes catch up (see
 * {@link ClusterRouting}); then they unregister, and the drain waits for the requests already accepted, so
 * the verticle can close its pools without failing them. Once ready, the instance is published in the
 * {@link ServiceRegistry} under its domain's name; draining withdraws it first.
 *
 * <p>Each command is answered on its plain address and on the one {@link Releases#address qualified} by the
 * node's release, where the gateway sends a domain's traffic while a release route (canary, blue-green)
 * is set for it.
 */
public final class Endpoints {

  private static final long DRAIN_POLL_MS = 20;

  /** How long a clustered instance keeps answering after it left the routing: the other nodes catch up. */
  private static final Duration LATE_ARRIVALS = Duration.ofMillis(500);

  private final Vertx vertx;
  private final Logger log;
  private final ClusterRouting routing;
  private final List<ClusterRouting.Routed<?>> consumers = new ArrayList<>();
  private final List<String> replyAddresses = new ArrayList<>();
  private Future<String> publication = Future.succeededFuture();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean drained;

  public Endpoints(Vertx vertx, Logger log) {
    this.vertx = vertx;
    this.log = log;
    this.routing = ClusterRouting.of(vertx);
  }

  /**
   * Answers each request on {@code address}, and on it {@link Releases#address qualified} by this node's release,
   * with the outcome of {@code operation}.
   */
  public <T, R> Endpoints reply(String address, Function<T, Future<R>> operation) {
    Node node = Node.of(vertx);
    replyAddresses.add(address);
    listen(address, operation, node);
    listen(Releases.address(address, node.release()), operation, node);
    return this;
  }

  private <T, R> void listen(String address, Function<T, Future<R>> operation, Node node) {
    Handler<Message<T>> answer =
        message -> {
          node.handled(address);
          RequestContext.bind(message.headers().get(Headers.REQUEST_ID));
          track(
                  () ->
                      node.failsCommands()
                          ? failedOnPurpose(node)
                          : operation.apply(message.body()))
              .onComplete(message::reply, error -> message.reply(asDomainFailure(error, message)));
        };
    ClusterRouting.Routed<T> routed = routing.consumer(vertx, address, answer);
    // A request that reached this consumer just as it unregistered: answered while the instance
    // drains
    // (Vert.x would fail it at once as a TIMEOUT), refused as "no handler" once it has drained.
    VertxInternals.onDiscarded(
        routed.consumer(),
        message -> {
          if (drained) {
            message.reply(
                new ReplyException(ReplyFailure.NO_HANDLERS, "no handler any more for " + address));
          } else {
            answer.handle(message);
          }
        });
    consumers.add(routed);
  }

  private static <R> Future<R> failedOnPurpose(Node node) {
    return Future.failedFuture(
        DomainFailure.of(
            CommonError.INTERNAL_ERROR,
            "Release "
                + node.release()
                + " fails every command on purpose (releases.testFaultyRelease)."));
  }

  /** Handles each event published on {@code address}; a failure is logged (events have no one to answer). */
  public <T> Endpoints subscribe(String address, Function<Message<T>, Future<?>> handler) {
    consumers.add(
        routing.<T>consumer(
            vertx,
            address,
            message ->
                track(() -> handler.apply(message))
                    .onFailure(
                        error ->
                            log.error(
                                "Handling {} failed (event {})",
                                address,
                                message.headers().get(Headers.EVENT_ID),
                                error))));
    return this;
  }

  /**
   * Completes when every consumer is registered (cluster-wide, when clustered) and this instance of
   * {@code service} is published in the service registry.
   */
  public Future<Void> ready(String service) {
    publication =
        Future.all(consumers.stream().map(routed -> routed.consumer().completion()).toList())
            .compose(
                registered ->
                    ServiceRegistry.of(vertx).publish(service, List.copyOf(replyAddresses)));
    return publication.mapEmpty();
  }

  /**
   * Withdraws the service record, takes the consumers out of the cluster's routing, unregisters them, then
   * waits (up to {@code timeout}) for the operations in flight.
   */
  public Future<Void> drain(Duration timeout) {
    Future<Void> withdrawn =
        publication.transform(
            published ->
                published.succeeded()
                    ? ServiceRegistry.of(vertx).withdraw(published.result())
                    : Future.succeededFuture());
    return withdrawn
        .transform(
            done ->
                Future.join(consumers.stream().map(routed -> routed.leaveRouting().get()).toList()))
        .transform(
            left ->
                vertx.isClustered()
                    ? vertx.timer(LATE_ARRIVALS.toMillis())
                    : Future.succeededFuture())
        .transform(
            caughtUp ->
                Future.join(
                    consumers.stream().map(routed -> routed.consumer().unregister()).toList()))
        .transform(unregistered -> idle(timeout));
  }

  private Future<Void> idle(Duration timeout) {
    Promise<Void> idle = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    vertx.setPeriodic(
        1,
        DRAIN_POLL_MS,
        timer -> {
          if (inFlight.get() == 0 || System.nanoTime() > deadline) {
            vertx.cancelTimer(timer);
            if (inFlight.get() > 0) {
              log.warn("Stopping with {} operations still in flight", inFlight.get());
            }
            drained = true;
            idle.tryComplete();
          }
        });
    return idle.future();
  }

  private <R> Future<R> track(Supplier<Future<R>> operation) {
    inFlight.incrementAndGet();
    Future<R> result;
    try {
      result = operation.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.andThen(done -> inFlight.decrementAndGet());
  }

  private DomainFailure asDomainFailure(Throwable error, Message<?> message) {
    if (error instanceof DomainFailure failure) {
      return failure;
    }
    log.error(
        "{} failed (request {})",
        message.address(),
        message.headers().get(Headers.REQUEST_ID),
        error);
    return DomainFailure.of(CommonError.INTERNAL_ERROR, "The request could not be completed.");
  }
}
