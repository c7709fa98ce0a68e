package dev.cartwheel.codecs.payments;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** The provider declined a payment. */
public record PaymentDeclined(
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
