package dev.cartwheel.codecs.payments;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** A payment was authorized. */
public record PaymentAuthorized(
    UUID eventId,
    Instant occurredAt,
    UUID orderId,
    long amountMinor,
    String currency,
    String providerReference)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return orderId.toString();
  }
}
