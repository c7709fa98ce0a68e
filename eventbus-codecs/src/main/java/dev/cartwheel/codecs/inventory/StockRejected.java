package dev.cartwheel.codecs.inventory;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order asked for more than is available; nothing was held. */
public record StockRejected(
    UUID eventId, Instant occurredAt, UUID orderId, List<StockLine> unavailable)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return orderId.toString();
  }
}
