package dev.cartwheel.codecs.inventory;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order's held stock left the warehouse. */
public record StockCommitted(UUID eventId, Instant occurredAt, UUID orderId, List<StockLine> lines)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return orderId.toString();
  }
}
