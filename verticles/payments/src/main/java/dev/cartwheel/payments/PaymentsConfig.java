package dev.cartwheel.payments;

import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.PgSettings;
import dev.cartwheel.runtime.domain.DomainVerticle;
import dev.cartwheel.runtime.outbox.OutboxRelay;
import java.time.Duration;

/** The payments domain's settings, read once at deploy time. */
public record PaymentsConfig(
    PgSettings pg,
    OutboxRelay.Settings outbox,
    Duration providerTimeout,
    int breakerMaxFailures,
    Duration breakerReset,
    SimulatedProvider.Settings simulator)
    implements DomainVerticle.Settings {

  public static PaymentsConfig from(ConfigReader config) {
    return new PaymentsConfig(
        PgSettings.from(config),
        OutboxRelay.Settings.from(config),
        config.millis("payments.providerTimeoutMs", 10, 120_000),
        config.integer("payments.breakerMaxFailures", 1, 10_000),
        config.millis("payments.breakerResetMs", 100, 3_600_000),
        new SimulatedProvider.Settings(
            config.millis("payments.simulator.latencyMs", 0, 60_000),
            config.integer("payments.simulator.failurePercent", 0, 100),
            config.longInteger("payments.simulator.declineOverMinor", 0, Long.MAX_VALUE),
            config.requiredString("payments.simulator.declineToken")));
  }
}
