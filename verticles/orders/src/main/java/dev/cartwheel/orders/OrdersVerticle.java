package dev.cartwheel.orders;

import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.runtime.domain.DomainVerticle;
import dev.cartwheel.runtime.node.Node;
import dev.cartwheel.runtime.outbox.ProcessedEvents;
import io.vertx.core.Future;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the orders domain (its lifecycle is {@link DomainVerticle}'s): answer its addresses, listen for expired
 * holds, and run the recovery pass at start and every orders.recoveryIntervalMs: it resumes or compensates every saga
 * left behind by a dead node or waiting for a retry. Safe on every node at once: a saga is driven only by the holder
 * of its lease.
 */
public final class OrdersVerticle extends DomainVerticle<OrdersConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(OrdersVerticle.class);
  private static final int RECOVERY_BATCH = 50;

  private long recovery = -1;
  private boolean recovering;

  public OrdersVerticle() {
    super(OrdersContract.DOMAIN, OrdersContract.EVENTS, LOG, OrdersConfig::from);
  }

  @Override
  protected Future<Void> wire(OrdersConfig settings, Parts parts) {
    if (!settings.holdAfter().isEmpty()) {
      LOG.warn(
          "Fault injection on: the first saga at each of {} is held for good",
          settings.holdAfter());
    }
    OrdersRepository repository = new OrdersRepository(parts.outbox());
    OrderMetrics metrics = new OrderMetrics(Node.of(vertx).meters());
    Saga saga = new Saga(vertx, parts.pool(), repository, parts.eventsWritten(), settings, metrics);
    OrdersService service =
        new OrdersService(
            vertx,
            parts.pool(),
            repository,
            saga,
            new ProcessedEvents(OrdersContract.DOMAIN),
            parts.eventsWritten(),
            settings,
            metrics);
    parts
        .endpoints()
        .reply(OrdersContract.PLACE, service::place)
        .reply(OrdersContract.GET, service::get)
        .reply(OrdersContract.LIST, service::list)
        .reply(OrdersContract.CANCEL, service::cancel)
        .subscribe(InventoryContract.RESERVATION_EXPIRED, service::onReservationExpired);
    recovery =
        vertx.setPeriodic(1, settings.recoveryInterval().toMillis(), tick -> recover(service));
    return Future.succeededFuture();
  }

  /** Longer than the others': an accepted request may wait out a saga step (orders.stepTimeoutMs, 5 s) and more. */
  @Override
  protected Duration drainTimeout() {
    return Duration.ofSeconds(15);
  }

  @Override
  protected void beforeDrain() {
    if (recovery >= 0) {
      vertx.cancelTimer(recovery);
    }
  }

  private void recover(OrdersService service) {
    if (recovering) {
      return;
    }
    recovering = true;
    service
        .recover(RECOVERY_BATCH)
        .onFailure(
            error ->
                LOG.warn(
                    "Saga recovery pass failed; retrying at the next one: {}", error.getMessage()))
        .onComplete(done -> recovering = false);
  }
}
