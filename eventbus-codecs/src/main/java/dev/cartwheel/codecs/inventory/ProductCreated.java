package dev.cartwheel.codecs.inventory;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** A product entered the catalogue. */
public record ProductCreated(UUID eventId, Instant occurredAt, Product product)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return product.sku();
  }
}
