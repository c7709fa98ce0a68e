package dev.cartwheel.codecs.orders;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** An order was accepted (PENDING). */
public record OrderPlaced(UUID eventId, Instant occurredAt, Order order) implements DomainEvent {

  @Override
  public String aggregateId() {
    return order.id().toString();
  }
}
