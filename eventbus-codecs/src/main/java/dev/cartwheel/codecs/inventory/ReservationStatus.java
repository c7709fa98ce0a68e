package dev.cartwheel.codecs.inventory;

public enum ReservationStatus {
  /** Stock is held until {@code expiresAt}. */
  HELD,
  /** The order was confirmed: the stock left the warehouse. */
  COMMITTED,
  /** Released by the order (compensation, cancellation): the stock is available again. */
  RELEASED,
  /** Not committed in time: the stock is available again. */
  EXPIRED,
  /** There never was a reservation for this order (the answer to releasing nothing). */
  NONE
}
