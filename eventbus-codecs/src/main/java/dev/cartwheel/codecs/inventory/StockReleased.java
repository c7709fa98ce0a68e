package dev.cartwheel.codecs.inventory;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order's held stock is available again. */
public record StockReleased(
    UUID eventId, Instant occurredAt, UUID orderId, List<StockLine> lines, String reason)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return orderId.toString();
  }
}
