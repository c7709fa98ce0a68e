package dev.cartwheel.payments;

import io.vertx.core.Future;

/**
 * A payment provider (a card processor). Both calls are idempotent on {@code idempotencyKey} (the order
 * id): asked twice, the provider answers the same and charges once. A failed future means the provider
 * could not answer (outage, timeout): the outcome is unknown and the call may be retried.
 */
public interface PaymentProvider {

  /** What the provider did with an authorization under a key. */
  enum Outcome {
    APPROVED,
    DECLINED,
    /** Nothing charged: a refund had already closed this key before the authorization reached it. */
    VOIDED
  }

  /** The outcome with the provider's reference; a reason when it was not approved. */
  record Authorization(Outcome outcome, String reference, String declineReason) {

    boolean approved() {
      return outcome == Outcome.APPROVED;
    }
  }

  Future<Authorization> authorize(
      String idempotencyKey, long amountMinor, String currency, String paymentToken);

  /** True when a charge was refunded (now or before); false when nothing was ever charged under this key. */
  Future<Boolean> refund(String idempotencyKey);
}
