package dev.cartwheel.inventory;

import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.runtime.bus.Endpoints;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.Migrations;
import dev.cartwheel.runtime.db.Pools;
import dev.cartwheel.runtime.outbox.Outbox;
import dev.cartwheel.runtime.outbox.OutboxRelay;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the inventory domain: migrate its schema, answer its addresses, relay its outbox, and
 * expire holds whose time is up (every instance on every node sweeps; SKIP LOCKED shares the work).
 */
public final class InventoryVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(InventoryVerticle.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
  private static final int EXPIRY_BATCH = 100;

  private Pool pool;
  private OutboxRelay relay;
  private Endpoints endpoints;
  private long sweeper = -1;

  @Override
  public Future<?> start() {
    InventoryConfig settings = InventoryConfig.from(new ConfigReader(config()));
    return Migrations.migrateWithOutbox(vertx, settings.pg(), InventoryContract.DOMAIN)
        .compose(
            migrated -> {
              pool = Pools.shared(vertx, settings.pg(), InventoryContract.DOMAIN);
              Outbox outbox = new Outbox(InventoryContract.DOMAIN, InventoryContract.EVENTS);
              InventoryRepository repository = new InventoryRepository(outbox);
              relay =
                  new OutboxRelay(
                      vertx,
                      pool,
                      settings.pg(),
                      InventoryContract.DOMAIN,
                      outbox,
                      settings.outbox());
              InventoryService service =
                  new InventoryService(pool, repository, outbox, relay::nudge, settings.hold());
              Future<Void> seeded =
                  settings.seedDemoCatalogue()
                      ? service.seed(DemoCatalogue.PRODUCTS)
                      : Future.succeededFuture();
              return seeded.compose(
                  done -> {
                    relay.start();
                    sweeper =
                        vertx.setPeriodic(
                            settings.expirySweep().toMillis(),
                            tick ->
                                service
                                    .expireDue(EXPIRY_BATCH)
                                    .onFailure(
                                        error ->
                                            LOG.warn(
                                                "Expiring reservations failed; retrying at the next sweep: {}",
                                                error.getMessage())));
                    endpoints =
                        new Endpoints(vertx, LOG)
                            .reply(InventoryContract.LIST_PRODUCTS, service::listProducts)
                            .reply(InventoryContract.GET_PRODUCT, service::product)
                            .reply(InventoryContract.CREATE_PRODUCT, service::createProduct)
                            .reply(InventoryContract.RESTOCK, service::restock)
                            .reply(InventoryContract.QUOTE, service::quote)
                            .reply(InventoryContract.RESERVE, service::reserve)
                            .reply(InventoryContract.COMMIT, service::commit)
                            .reply(InventoryContract.RELEASE, service::release);
                    return endpoints.ready(InventoryContract.DOMAIN);
                  });
            });
  }

  @Override
  public Future<?> stop() {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
    Future<Void> drained =
        endpoints == null ? Future.succeededFuture() : endpoints.drain(DRAIN_TIMEOUT);
    return drained
        .transform(done -> relay == null ? Future.succeededFuture() : relay.stop())
        .transform(done -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
