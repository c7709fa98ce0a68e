package dev.cartwheel.orders;

/** Where an order's saga stands; each is persisted with the outcome of the step before it. */
enum SagaStep {
  /** Hold the order's stock at inventory. */
  RESERVE,
  /** Authorize the payment of the order's total. */
  AUTHORIZE,
  /** Let the held stock leave; the order is then CONFIRMED. Never given up: a hold that runs out ends it. */
  COMMIT,
  /** Release the stock and refund the payment (both idempotent), then CANCELLED. Never given up. */
  COMPENSATE,
  /** Final: CONFIRMED or CANCELLED. */
  DONE;

  /**
   * Steps that start by honouring a cancellation accepted earlier. A new cancellation is accepted only
   * during RESERVE and AUTHORIZE (OrdersRepository.requestCancel); COMMIT honours one accepted during
   * AUTHORIZE, so that the saga stops before it commits the stock.
   */
  boolean honoursCancellation() {
    return this == RESERVE || this == AUTHORIZE || this == COMMIT;
  }
}
