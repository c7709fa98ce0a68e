package dev.cartwheel.orders;

import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.runtime.bus.Endpoints;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.Migrations;
import dev.cartwheel.runtime.db.Pools;
import dev.cartwheel.runtime.node.Node;
import dev.cartwheel.runtime.outbox.Outbox;
import dev.cartwheel.runtime.outbox.OutboxRelay;
import dev.cartwheel.runtime.outbox.ProcessedEvents;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the orders domain: migrate its schema, answer its addresses, listen for expired holds,
 * relay its outbox, and run the recovery pass at start and every orders.recoveryIntervalMs: it resumes
 * or compensates every saga left behind by a dead node or waiting for a retry. Safe on every node at
 * once: a saga is driven only by the holder of its lease.
 */
public final class OrdersVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(OrdersVerticle.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);
  private static final int RECOVERY_BATCH = 50;

  private Pool pool;
  private OutboxRelay relay;
  private Endpoints endpoints;
  private long recovery = -1;
  private boolean recovering;

  @Override
  public Future<?> start() {
    OrdersConfig settings = OrdersConfig.from(new ConfigReader(config()));
    return Migrations.migrateWithOutbox(vertx, settings.pg(), OrdersContract.DOMAIN)
        .compose(
            migrated -> {
              pool = Pools.shared(vertx, settings.pg(), OrdersContract.DOMAIN);
              Outbox outbox = new Outbox(OrdersContract.DOMAIN, OrdersContract.EVENTS);
              OrdersRepository repository = new OrdersRepository(outbox);
              relay =
                  new OutboxRelay(
                      vertx, pool, settings.pg(), OrdersContract.DOMAIN, outbox, settings.outbox());
              OrderMetrics metrics = new OrderMetrics(Node.of(vertx).meters());
              Saga saga = new Saga(vertx, pool, repository, relay::nudge, settings, metrics);
              OrdersService service =
                  new OrdersService(
                      vertx,
                      pool,
                      repository,
                      saga,
                      new ProcessedEvents(OrdersContract.DOMAIN),
                      relay::nudge,
                      settings,
                      metrics);
              relay.start();
              endpoints =
                  new Endpoints(vertx, LOG)
                      .reply(OrdersContract.PLACE, service::place)
                      .reply(OrdersContract.GET, service::get)
                      .reply(OrdersContract.LIST, service::list)
                      .reply(OrdersContract.CANCEL, service::cancel)
                      .subscribe(
                          InventoryContract.RESERVATION_EXPIRED, service::onReservationExpired);
              recovery =
                  vertx.setPeriodic(
                      1, settings.recoveryInterval().toMillis(), tick -> recover(service));
              return endpoints.ready(OrdersContract.DOMAIN);
            });
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

  @Override
  public Future<?> stop() {
    if (recovery >= 0) {
      vertx.cancelTimer(recovery);
    }
    Future<Void> drained =
        endpoints == null ? Future.succeededFuture() : endpoints.drain(DRAIN_TIMEOUT);
    return drained
        .transform(done -> relay == null ? Future.succeededFuture() : relay.stop())
        .transform(done -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
