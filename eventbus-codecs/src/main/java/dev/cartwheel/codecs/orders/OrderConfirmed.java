package dev.cartwheel.codecs.orders;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** An order's stock and payment are secured: it is CONFIRMED. */
public record OrderConfirmed(UUID eventId, Instant occurredAt, Order order) implements DomainEvent {

  @Override
  public String aggregateId() {
    return order.id().toString();
  }
}
