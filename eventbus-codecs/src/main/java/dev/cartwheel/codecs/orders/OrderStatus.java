package dev.cartwheel.codecs.orders;

public enum OrderStatus {
  /** Accepted; the saga is reserving stock, authorizing payment or compensating. */
  PENDING,
  CONFIRMED,
  CANCELLED;

  public boolean isFinal() {
    return this != PENDING;
  }
}
