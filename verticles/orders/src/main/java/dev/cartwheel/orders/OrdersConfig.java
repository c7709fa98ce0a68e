package dev.cartwheel.orders;

import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.PgSettings;
import dev.cartwheel.runtime.domain.DomainVerticle;
import dev.cartwheel.runtime.outbox.OutboxRelay;
import java.time.Duration;
import java.util.Set;

/**
 * The orders domain's settings, read once at deploy time.
 *
 * @param placeWait        how long placing an order waits for its final state before answering PENDING
 * @param stepTimeout      timeout of each request the saga makes to inventory or payments
 * @param lease            how long a saga driver may work on an order before another node may take it over
 * @param maxStepAttempts  tries of a reserve or authorize that finds its domain unavailable, before the order is compensated
 * @param retryBase        first retry delay (doubling after each failed try, up to retryMax)
 * @param recoveryInterval how often each instance looks for sagas to resume
 * @param holdAfter        fault injection for crash tests, empty in production: see {@link SagaHolds}
 */
public record OrdersConfig(
    PgSettings pg,
    OutboxRelay.Settings outbox,
    Duration placeWait,
    Duration stepTimeout,
    Duration lease,
    int maxStepAttempts,
    Duration retryBase,
    Duration retryMax,
    Duration recoveryInterval,
    Set<SagaStep> holdAfter)
    implements DomainVerticle.Settings {

  public static OrdersConfig from(ConfigReader config) {
    return new OrdersConfig(
        PgSettings.from(config),
        OutboxRelay.Settings.from(config),
        config.millis("orders.placeWaitMs", 0, 60_000),
        config.millis("orders.stepTimeoutMs", 100, 120_000),
        Duration.ofSeconds(config.integer("orders.leaseSeconds", 1, 3600)),
        config.integer("orders.maxStepAttempts", 1, 100),
        config.millis("orders.retryBaseMs", 10, 60_000),
        config.millis("orders.retryMaxMs", 10, 3_600_000),
        config.millis("orders.recoveryIntervalMs", 50, 600_000),
        SagaHolds.steps(config));
  }
}
