package dev.cartwheel.codecs.payments;

import java.time.Instant;
import java.util.UUID;

/** The payment of one order; {@code declineReason} is set when DECLINED (e.g. card-declined, amount-over-limit). */
public record Payment(
    UUID orderId,
    PaymentStatus status,
    long amountMinor,
    String currency,
    String providerReference,
    String declineReason,
    Instant updatedAt) {}
