package dev.cartwheel.orders;

import dev.cartwheel.codecs.orders.CancelReasons;
import dev.cartwheel.codecs.orders.OrderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The orders domain's meters: orders placed, sagas ended CONFIRMED or CANCELLED (by reason), and how long
 * a saga took from placement to its end. Labels take values from fixed sets only (never an order or a
 * user id), so a busy platform does not grow its series.
 */
final class OrderMetrics {

  private static final Set<String> REASONS =
      Set.of(
          CancelReasons.OUT_OF_STOCK,
          CancelReasons.PAYMENT_DECLINED,
          CancelReasons.PAYMENT_UNAVAILABLE,
          CancelReasons.INVENTORY_UNAVAILABLE,
          CancelReasons.RESERVATION_EXPIRED,
          CancelReasons.CANCELLED_BY_CUSTOMER);

  private final MeterRegistry registry;
  private final Counter placed;
  private final Counter confirmed;

  OrderMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.placed =
        Counter.builder("cartwheel.orders.placed")
            .description("Orders accepted (a new order, not a replay)")
            .register(registry);
    this.confirmed =
        Counter.builder("cartwheel.orders.confirmed")
            .description("Orders whose saga ended CONFIRMED")
            .register(registry);
  }

  void placed() {
    placed.increment();
  }

  /** The saga of an order placed at {@code placedAt} ended in {@code status}. */
  void ended(OrderStatus status, String cancelReason, Instant placedAt) {
    if (status == OrderStatus.CONFIRMED) {
      confirmed.increment();
    } else {
      Counter.builder("cartwheel.orders.cancelled")
          .description("Orders whose saga ended CANCELLED, by reason")
          .tag("reason", REASONS.contains(cancelReason) ? cancelReason : "other")
          .register(registry)
          .increment();
    }
    Timer.builder("cartwheel.saga.duration")
        .description("From an order's placement to the end of its saga")
        .tag("status", status.name().toLowerCase(java.util.Locale.ROOT))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(registry)
        .record(Duration.between(placedAt, Instant.now()));
  }
}
