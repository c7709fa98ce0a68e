package dev.cartwheel.inventory;

import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.PgSettings;
import dev.cartwheel.runtime.domain.DomainVerticle;
import dev.cartwheel.runtime.outbox.OutboxRelay;
import java.time.Duration;

/** The inventory domain's settings, read once at deploy time. */
public record InventoryConfig(
    PgSettings pg,
    OutboxRelay.Settings outbox,
    Duration hold,
    Duration expirySweep,
    boolean seedDemoCatalogue)
    implements DomainVerticle.Settings {

  public static InventoryConfig from(ConfigReader config) {
    return new InventoryConfig(
        PgSettings.from(config),
        OutboxRelay.Settings.from(config),
        Duration.ofSeconds(config.integer("inventory.holdSeconds", 1, 24 * 3600)),
        config.millis("inventory.expirySweepMs", 50, 600_000),
        config.bool("inventory.seedDemoCatalogue"));
  }
}
