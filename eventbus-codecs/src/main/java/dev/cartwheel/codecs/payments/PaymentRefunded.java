package dev.cartwheel.codecs.payments;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** An authorized payment was refunded. */
public record PaymentRefunded(
    UUID eventId,
    Instant occurredAt,
    UUID orderId,
    long amountMinor,
    String currency,
    String reason)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return orderId.toString();
  }
}
