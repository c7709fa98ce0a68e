package dev.cartwheel.codecs.inventory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The stock held for one order; {@code expiresAt} is when a HELD reservation ends if not committed. */
public record Reservation(
    UUID orderId, ReservationStatus status, List<StockLine> lines, Instant expiresAt) {

  public Reservation {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }
}
