package dev.cartwheel.codecs.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as its owner sees it. {@code cancelReason} is one of {@link CancelReasons} when CANCELLED. */
public record Order(
    UUID id,
    UUID userId,
    OrderStatus status,
    String cancelReason,
    List<PricedLine> lines,
    long totalMinor,
    String currency,
    Instant createdAt,
    Instant updatedAt) {

  public Order {
    lines = List.copyOf(lines);
  }
}
