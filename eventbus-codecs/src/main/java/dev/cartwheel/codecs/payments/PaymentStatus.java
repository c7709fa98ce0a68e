package dev.cartwheel.codecs.payments;

public enum PaymentStatus {
  /** An authorization was asked of the provider and its answer is not known yet; retry to learn it. */
  PENDING,
  AUTHORIZED,
  DECLINED,
  REFUNDED,
  /** Abandoned before the provider charged anything (a refund came first): nothing was taken, nothing will be. */
  VOIDED
}
