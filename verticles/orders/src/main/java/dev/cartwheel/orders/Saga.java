package dev.cartwheel.orders;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.ErrorKind;
import dev.cartwheel.codecs.Headers;
import dev.cartwheel.codecs.inventory.CommitReservation;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.ReleaseReservation;
import dev.cartwheel.codecs.inventory.Reserve;
import dev.cartwheel.codecs.inventory.StockLine;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderCancelled;
import dev.cartwheel.codecs.orders.OrderConfirmed;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.payments.Authorize;
import dev.cartwheel.codecs.payments.Payment;
import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.codecs.payments.Refund;
import dev.cartwheel.orders.OrdersRepository.StoredOrder;
import dev.cartwheel.orders.SagaDecisions.Advance;
import dev.cartwheel.orders.SagaDecisions.Compensate;
import dev.cartwheel.orders.SagaDecisions.Decision;
import dev.cartwheel.orders.SagaDecisions.Finish;
import dev.cartwheel.orders.SagaDecisions.Outcome;
import dev.cartwheel.orders.SagaDecisions.Retry;
import dev.cartwheel.runtime.db.StoredTime;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order saga: RESERVE stock → AUTHORIZE payment → COMMIT stock → CONFIRMED; on a refusal (out of
 * stock, declined, hold expired), a cancellation, or a domain unavailable for too long, COMPENSATE
 * (release stock, refund payment) → CANCELLED with a reason. Every step is idempotent on the order id at
 * its domain, and each outcome is persisted before the next step, so a driver that dies anywhere leaves a
 * saga that any node's recovery pass resumes from the last persisted step once the lease runs out.
 */
final class Saga {

  private static final Logger LOG = LoggerFactory.getLogger(Saga.class);
  private final Vertx vertx;
  private final Pool pool;
  private final OrdersRepository repository;
  private final Runnable eventsWritten;
  private final OrdersConfig config;
  private final OrderMetrics metrics;
  private final SagaHolds holds;

  Saga(
      Vertx vertx,
      Pool pool,
      OrdersRepository repository,
      Runnable eventsWritten,
      OrdersConfig config,
      OrderMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.pool = pool;
    this.repository = repository;
    this.eventsWritten = eventsWritten;
    this.config = config;
    this.holds = new SagaHolds(config.holdAfter());
  }

  /**
   * Drives the order's saga if it is due and no one else drives it, until it is final or must wait;
   * returns the order as it then stands.
   */
  Future<Order> drive(UUID orderId) {
    String owner = UUID.randomUUID().toString();
    return repository
        .lease(pool, orderId, owner, config.lease())
        .compose(leased -> leased.isPresent() ? run(leased.get(), owner) : current(orderId));
  }

  /** Continues a saga this caller already holds (it inserted the order leased to {@code owner}). */
  Future<Order> resume(StoredOrder order, String owner) {
    return run(order, owner);
  }

  private Future<Order> run(StoredOrder order, String owner) {
    if (SagaDecisions.honoursCancellation(order.step(), order.cancelRequest())) {
      return next(order, owner, SagaStep.COMPENSATE, order.cancelRequest());
    }
    return switch (order.step()) {
      case RESERVE ->
          call(InventoryContract.RESERVE, new Reserve(order.id(), stockLines(order)), order)
              .compose(outcome -> carryOut(order, owner, SagaDecisions.afterReserve(outcome)));
      case AUTHORIZE ->
          this.<Payment>call(
                  PaymentsContract.AUTHORIZE,
                  new Authorize(
                      order.id(), order.totalMinor(), order.currency(), order.paymentToken()),
                  order)
              .compose(outcome -> carryOut(order, owner, SagaDecisions.afterAuthorize(outcome)));
      case COMMIT ->
          call(InventoryContract.COMMIT, new CommitReservation(order.id()), order)
              .compose(outcome -> carryOut(order, owner, SagaDecisions.afterCommit(outcome)));
      // release, then refund; both are idempotent, so a compensation interrupted anywhere can
      // simply run again
      case COMPENSATE ->
          call(
                  InventoryContract.RELEASE,
                  new ReleaseReservation(order.id(), order.cancelRequest()),
                  order)
              .compose(outcome -> carryOut(order, owner, SagaDecisions.afterRelease(outcome)));
      case DONE -> Future.succeededFuture(order.view());
    };
  }

  /** Carries out what the decision table says follows the step just tried. */
  private Future<Order> carryOut(StoredOrder order, String owner, Decision decision) {
    if (decision instanceof Advance advance) {
      return next(order, owner, advance.step(), null);
    }
    if (decision instanceof Compensate compensate) {
      return next(order, owner, SagaStep.COMPENSATE, compensate.reason());
    }
    if (decision instanceof Retry retry) {
      return retry(order, owner, retry.giveUpReason());
    }
    if (decision instanceof Finish finish) {
      if (finish.status() == OrderStatus.CONFIRMED && order.step() == SagaStep.COMPENSATE) {
        LOG.warn(
            "Order {}: compensation found its stock committed; confirming it instead", order.id());
      }
      return finish(
          order,
          owner,
          finish.status(),
          finish.status() == OrderStatus.CANCELLED ? order.cancelRequest() : null);
    }
    return this.<Payment>call(
            PaymentsContract.REFUND, new Refund(order.id(), order.cancelRequest()), order)
        .compose(outcome -> carryOut(order, owner, SagaDecisions.afterRefund(outcome)));
  }

  private Future<Order> next(
      StoredOrder order, String owner, SagaStep step, String compensationReason) {
    return repository
        .advance(pool, order, owner, step, compensationReason, config.lease())
        .compose(
            advanced -> advanced.isPresent() ? run(advanced.get(), owner) : current(order.id()));
  }

  /**
   * A domain did not answer. Reserve and authorize are retried {@code orders.maxStepAttempts} times, then
   * given up ({@code giveUpReason}) and compensated; commit and compensation are never given up: after
   * that many tries here they are handed to the recovery pass, which tries again every retryMax.
   */
  private Future<Order> retry(StoredOrder order, String owner, String giveUpReason) {
    int attempts = order.attempts() + 1;
    if (attempts >= config.maxStepAttempts()) {
      if (giveUpReason != null) {
        return next(order, owner, SagaStep.COMPENSATE, giveUpReason);
      }
      return repository
          .retryLater(pool, order.id(), owner, attempts, config.retryMax())
          .compose(scheduled -> current(order.id()));
    }
    Duration delay = backoff(attempts);
    return repository
        .retryHere(pool, order.id(), owner, attempts, delay, config.lease())
        .compose(
            kept ->
                !kept
                    ? current(order.id())
                    : vertx
                        .timer(delay.toMillis())
                        .compose(waited -> repository.leased(pool, order.id(), owner))
                        .compose(
                            leased ->
                                leased.isPresent()
                                    ? run(leased.get(), owner)
                                    : current(order.id())));
  }

  /** The order final, with its event, in one statement; as it stands if this driver lost its lease meanwhile. */
  private Future<Order> finish(
      StoredOrder order, String owner, OrderStatus status, String cancelReason) {
    Instant now = StoredTime.now();
    Order ended =
        new Order(
            order.id(),
            order.userId(),
            status,
            cancelReason,
            order.lines(),
            order.totalMinor(),
            order.currency(),
            order.createdAt(),
            now);
    Future<Boolean> finished =
        status == OrderStatus.CONFIRMED
            ? repository.finish(
                pool,
                owner,
                ended,
                OrdersContract.ORDER_CONFIRMED,
                new OrderConfirmed(UUID.randomUUID(), now, ended))
            : repository.finish(
                pool,
                owner,
                ended,
                OrdersContract.ORDER_CANCELLED,
                new OrderCancelled(UUID.randomUUID(), now, ended));
    return finished.compose(
        done -> {
          if (!done) {
            return current(order.id());
          }
          eventsWritten.run();
          metrics.ended(status, cancelReason, order.createdAt());
          return Future.succeededFuture(ended);
        });
  }

  /** Sends a step's request; the outcome tells an answer, a refusal (a domain's own failure) and no answer apart. */
  private <T> Future<Outcome<T>> call(String address, Object request, StoredOrder order) {
    DeliveryOptions options =
        new DeliveryOptions()
            .setSendTimeout(config.stepTimeout().toMillis())
            .addHeader(Headers.REQUEST_ID, "order-" + order.id());
    return vertx
        .eventBus()
        .<T>request(address, request, options)
        .map(Message::body)
        .map(Outcome::<T>answered)
        .otherwise(
            failure -> {
              if (failure instanceof DomainFailure refusal
                  && refusal.kind() != ErrorKind.UNAVAILABLE
                  && refusal.kind() != ErrorKind.INTERNAL) {
                return Outcome.<T>refused(refusal);
              }
              LOG.info(
                  "Order {}: {} did not answer ({}); will retry",
                  order.id(),
                  address,
                  failure.getMessage());
              return Outcome.<T>silent();
            })
        .compose(outcome -> holds.after(order.id(), order.step(), outcome));
  }

  private Duration backoff(int attempts) {
    long millis = config.retryBase().toMillis() << Math.min(attempts - 1, 20);
    return Duration.ofMillis(Math.min(millis, config.retryMax().toMillis()));
  }

  private Future<Order> current(UUID orderId) {
    return repository.find(pool, orderId).map(found -> found.orElseThrow().view());
  }

  private static List<StockLine> stockLines(StoredOrder order) {
    return order.lines().stream().map(line -> new StockLine(line.sku(), line.quantity())).toList();
  }
}
