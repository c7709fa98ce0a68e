package dev.cartwheel.codecs.inventory;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Stock is held for an order. */
public record StockReserved(UUID eventId, Instant occurredAt, UUID orderId, List<StockLine> lines)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return orderId.toString();
  }
}
