package dev.cartwheel.payments;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.PgSettings;
import dev.cartwheel.runtime.domain.DomainVerticle;
import dev.cartwheel.runtime.outbox.OutboxRelay;
import java.time.Duration;
import java.util.Set;

/**
 * The payments domain's settings, read once at deploy time.
 *
 * @param provider which payment provider: one of {@link #PROVIDERS}; the {@code prod} profile leaves it unset, so
 *     that a production node says which one it uses
 */
public record PaymentsConfig(
    PgSettings pg,
    String provider,
    OutboxRelay.Settings outbox,
    Duration providerTimeout,
    int breakerMaxFailures,
    Duration breakerReset,
    SimulatedProvider.Settings simulator)
    implements DomainVerticle.Settings {

  /** The providers there are. A real one joins the simulated one behind {@link PaymentProvider}. */
  static final Set<String> PROVIDERS = Set.of("simulated");

  public static PaymentsConfig from(ConfigReader config) {
    return new PaymentsConfig(
        PgSettings.from(config),
        provider(config),
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

  private static String provider(ConfigReader config) {
    String provider = config.requiredString("payments.provider");
    if (!PROVIDERS.contains(provider)) {
      throw new ConfigException(
          "payments.provider", "is \"" + provider + "\"; the providers are " + PROVIDERS);
    }
    return provider;
  }
}
