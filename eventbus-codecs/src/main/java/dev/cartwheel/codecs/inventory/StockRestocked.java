package dev.cartwheel.codecs.inventory;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** Stock arrived. */
public record StockRestocked(
    UUID eventId, Instant occurredAt, String sku, int quantity, int stockOnHand)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return sku;
  }
}
