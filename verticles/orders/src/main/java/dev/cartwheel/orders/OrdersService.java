package dev.cartwheel.orders;

import dev.cartwheel.codecs.CommonError;
import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.ErrorKind;
import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.Headers;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.InventoryError;
import dev.cartwheel.codecs.inventory.Quotation;
import dev.cartwheel.codecs.inventory.Quote;
import dev.cartwheel.codecs.inventory.ReservationExpired;
import dev.cartwheel.codecs.inventory.StockLine;
import dev.cartwheel.codecs.orders.CancelOrder;
import dev.cartwheel.codecs.orders.CancelReasons;
import dev.cartwheel.codecs.orders.GetOrder;
import dev.cartwheel.codecs.orders.ListOrders;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderPage;
import dev.cartwheel.codecs.orders.OrderPlaced;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.orders.OrdersError;
import dev.cartwheel.codecs.orders.PlaceOrder;
import dev.cartwheel.codecs.orders.PricedLine;
import dev.cartwheel.codecs.orders.Requester;
import dev.cartwheel.orders.OrdersRepository.NewOrder;
import dev.cartwheel.orders.OrdersRepository.StoredOrder;
import dev.cartwheel.runtime.db.StoredTime;
import dev.cartwheel.runtime.outbox.ProcessedEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Placing, reading and cancelling orders. Placing prices the lines first (unknown products and bad input
 * write nothing), persists the order PENDING with its OrderPlaced event, then drives the saga and
 * answers with the order once final, or as it stands after orders.placeWaitMs.
 */
final class OrdersService {

  private static final Logger LOG = LoggerFactory.getLogger(OrdersService.class);

  private final Vertx vertx;
  private final Pool pool;
  private final OrdersRepository repository;
  private final Saga saga;
  private final ProcessedEvents processed;
  private final Runnable eventsWritten;
  private final OrdersConfig config;
  private final OrderMetrics metrics;

  OrdersService(
      Vertx vertx,
      Pool pool,
      OrdersRepository repository,
      Saga saga,
      ProcessedEvents processed,
      Runnable eventsWritten,
      OrdersConfig config,
      OrderMetrics metrics) {
    this.metrics = metrics;
    this.vertx = vertx;
    this.pool = pool;
    this.repository = repository;
    this.saga = saga;
    this.processed = processed;
    this.eventsWritten = eventsWritten;
    this.config = config;
  }

  Future<Order> place(PlaceOrder command) {
    List<FieldError> errors = OrderRules.check(command);
    if (!errors.isEmpty()) {
      return Future.failedFuture(DomainFailure.invalid(errors));
    }
    String fingerprint = OrderRules.fingerprint(command);
    return repository
        .findByKey(pool, command.userId(), command.idempotencyKey())
        .compose(
            existing ->
                existing.isPresent()
                    ? replay(existing.get(), fingerprint)
                    : quote(command).compose(quotation -> create(command, fingerprint, quotation)));
  }

  private Future<Order> create(PlaceOrder command, String fingerprint, Quotation quotation) {
    NewOrder order =
        new NewOrder(
            UUID.randomUUID(),
            command.userId(),
            command.idempotencyKey(),
            fingerprint,
            quotation.lines().stream()
                .map(line -> new PricedLine(line.sku(), line.quantity(), line.unitPriceMinor()))
                .toList(),
            quotation.totalMinor(),
            quotation.currency(),
            command.paymentToken());
    String owner = UUID.randomUUID().toString();
    Instant now = StoredTime.now();
    StoredOrder pending = order.pending(now);
    return repository
        .insert(
            pool,
            order,
            now,
            owner,
            config.lease(),
            new OrderPlaced(UUID.randomUUID(), now, pending.view()))
        .onSuccess(
            inserted -> {
              eventsWritten.run();
              metrics.placed();
            })
        .compose(inserted -> awaitFinal(saga.resume(pending, owner), order.id()))
        .recover(
            failure ->
                failure instanceof OrdersRepository.KeyAlreadyUsed
                    // another request used the same key at the same moment: answer as for a replay
                    ? repository
                        .findByKey(pool, command.userId(), command.idempotencyKey())
                        .compose(raced -> replay(raced.orElseThrow(), fingerprint))
                    : Future.failedFuture(failure));
  }

  /** The same key again: the same order if the request is the same, else IDEMPOTENCY_KEY_REUSED. */
  private Future<Order> replay(StoredOrder existing, String fingerprint) {
    if (!existing.fingerprint().equals(fingerprint)) {
      return Future.failedFuture(
          DomainFailure.of(
              OrdersError.IDEMPOTENCY_KEY_REUSED,
              "This idempotency key was used for a different order; use a new key for a new order."));
    }
    return existing.status().isFinal()
        ? Future.succeededFuture(existing.view())
        : awaitFinal(saga.drive(existing.id()), existing.id());
  }

  /** Prices the lines at inventory; an unknown product is the client's mistake (400), an absent inventory a 503. */
  private Future<Quotation> quote(PlaceOrder command) {
    Quote quote =
        new Quote(
            command.lines().stream()
                .map(line -> new StockLine(line.sku(), line.quantity()))
                .toList());
    return vertx
        .eventBus()
        .<Quotation>request(
            InventoryContract.QUOTE,
            quote,
            new DeliveryOptions().setSendTimeout(config.stepTimeout().toMillis()))
        .map(Message::body)
        .recover(
            failure -> {
              if (failure instanceof DomainFailure refusal
                  && refusal.code().equals(InventoryError.PRODUCT_NOT_FOUND.code())) {
                return Future.failedFuture(DomainFailure.invalid(refusal.fieldErrors()));
              }
              if (failure instanceof DomainFailure refusal && refusal.kind() == ErrorKind.INVALID) {
                return Future.failedFuture(refusal);
              }
              return Future.failedFuture(
                  DomainFailure.of(
                      CommonError.DEPENDENCY_UNAVAILABLE,
                      "The catalogue is not available; nothing was ordered. Try again shortly."));
            });
  }

  Future<Order> get(GetOrder query) {
    return visible(query.orderId(), query.requester()).map(StoredOrder::view);
  }

  Future<OrderPage> list(ListOrders query) {
    if (query.userId() == null || query.page() < 0 || query.size() < 1 || query.size() > 100) {
      return Future.failedFuture(
          DomainFailure.invalid(
              List.of(new FieldError("page", "page must be 0 or more, size 1 to 100"))));
    }
    return repository.listByUser(pool, query.userId(), query.page(), query.size());
  }

  /** Before the stock is committed, the saga stops and compensates; a CONFIRMED order is not cancellable. */
  Future<Order> cancel(CancelOrder command) {
    return visible(command.orderId(), command.requester())
        .compose(
            order -> {
              if (order.status() == OrderStatus.CANCELLED) {
                return Future.succeededFuture(order.view());
              }
              return repository
                  .requestCancel(pool, order.id(), CancelReasons.CANCELLED_BY_CUSTOMER)
                  .compose(
                      accepted ->
                          accepted
                              ? awaitFinal(saga.drive(order.id()), order.id())
                              : Future.failedFuture(
                                  DomainFailure.of(
                                      OrdersError.NOT_CANCELLABLE,
                                      order.status() == OrderStatus.CONFIRMED
                                          ? "The order is confirmed; it can no longer be cancelled."
                                          : "The payment is taken and the order is being confirmed; it can no longer be cancelled.")));
            });
  }

  /**
   * A hold ran out at inventory: the order's saga is told to stop (if it has not committed the stock, it
   * compensates: reservation-expired). Idempotent: each event id is handled once.
   */
  Future<Void> onReservationExpired(Message<ReservationExpired> message) {
    ReservationExpired event = message.body();
    UUID eventId = UUID.fromString(message.headers().get(Headers.EVENT_ID));
    return pool.withTransaction(
            tx ->
                processed
                    .firstTime(tx, eventId)
                    .compose(
                        first ->
                            first
                                ? repository.requestCancel(
                                    tx, event.orderId(), CancelReasons.RESERVATION_EXPIRED)
                                : Future.succeededFuture(false)))
        .compose(
            requested ->
                requested ? saga.drive(event.orderId()).mapEmpty() : Future.succeededFuture());
  }

  /**
   * Resumes sagas that are due and held by no live driver (after a crash, or a scheduled retry). It does
   * not wait for them: each drive leases its order at once, so the next pass skips it.
   */
  Future<Integer> recover(int limit) {
    return repository
        .due(pool, limit)
        .map(
            due -> {
              due.forEach(
                  orderId ->
                      saga.drive(orderId)
                          .onFailure(
                              error ->
                                  LOG.warn(
                                      "Resuming the saga of order {} failed; the next pass retries: {}",
                                      orderId,
                                      error.getMessage())));
              return due.size();
            });
  }

  private Future<StoredOrder> visible(UUID orderId, Requester requester) {
    if (orderId == null || requester == null || requester.userId() == null) {
      return Future.failedFuture(notFound());
    }
    return repository
        .find(pool, orderId)
        .compose(
            found ->
                found
                    .filter(order -> requester.admin() || order.userId().equals(requester.userId()))
                    .map(Future::succeededFuture)
                    .orElseGet(() -> Future.failedFuture(notFound())));
  }

  /** The saga's result if it ends within orders.placeWaitMs, else the order as it stands (the saga goes on). */
  private Future<Order> awaitFinal(Future<Order> saga, UUID orderId) {
    return saga.timeout(config.placeWait().toMillis(), TimeUnit.MILLISECONDS)
        .recover(slow -> repository.find(pool, orderId).map(found -> found.orElseThrow().view()));
  }

  private static DomainFailure notFound() {
    return DomainFailure.of(OrdersError.ORDER_NOT_FOUND, "No such order.");
  }
}
