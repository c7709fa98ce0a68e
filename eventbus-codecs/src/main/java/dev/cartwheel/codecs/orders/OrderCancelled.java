package dev.cartwheel.codecs.orders;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** An order ended CANCELLED; order.cancelReason() says why. */
public record OrderCancelled(UUID eventId, Instant occurredAt, Order order) implements DomainEvent {

  @Override
  public String aggregateId() {
    return order.id().toString();
  }
}
