package dev.cartwheel.inventory;

import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.runtime.domain.DomainVerticle;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the inventory domain (its lifecycle is {@link DomainVerticle}'s): answer its addresses, seed the demo
 * catalogue where configured, and expire holds whose time is up (every instance on every node sweeps; SKIP LOCKED
 * shares the work).
 */
public final class InventoryVerticle extends DomainVerticle<InventoryConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(InventoryVerticle.class);
  private static final int EXPIRY_BATCH = 100;

  private long sweeper = -1;

  public InventoryVerticle() {
    super(InventoryContract.DOMAIN, InventoryContract.EVENTS, LOG, InventoryConfig::from);
  }

  @Override
  protected Future<Void> wire(InventoryConfig settings, Parts parts) {
    InventoryService service =
        new InventoryService(
            parts.pool(),
            new InventoryRepository(parts.outbox()),
            parts.outbox(),
            parts.eventsWritten(),
            settings.hold());
    Future<Void> seeded =
        settings.seedDemoCatalogue()
            ? service.seed(DemoCatalogue.PRODUCTS)
            : Future.succeededFuture();
    return seeded.onSuccess(
        done -> {
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
          parts
              .endpoints()
              .reply(InventoryContract.LIST_PRODUCTS, service::listProducts)
              .reply(InventoryContract.GET_PRODUCT, service::product)
              .reply(InventoryContract.CREATE_PRODUCT, service::createProduct)
              .reply(InventoryContract.RESTOCK, service::restock)
              .reply(InventoryContract.RESTOCK_ALL, service::restockAll)
              .reply(InventoryContract.QUOTE, service::quote)
              .reply(InventoryContract.RESERVE, service::reserve)
              .reply(InventoryContract.COMMIT, service::commit)
              .reply(InventoryContract.RELEASE, service::release);
        });
  }

  @Override
  protected void beforeDrain() {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
  }
}
