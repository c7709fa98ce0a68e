package dev.cartwheel.codecs.orders;

import dev.cartwheel.codecs.ErrorCode;
import dev.cartwheel.codecs.ErrorKind;

/** Failures of the orders domain. Failure codes 1400-1499. */
public enum OrdersError implements ErrorCode {
  ORDER_NOT_FOUND(1401, ErrorKind.NOT_FOUND),
  /** The idempotency key was used before for a different request. */
  IDEMPOTENCY_KEY_REUSED(1402, ErrorKind.CONFLICT),
  /** The order is CONFIRMED (or already CANCELLED): it can no longer be cancelled. */
  NOT_CANCELLABLE(1403, ErrorKind.CONFLICT);

  private final int failureCode;
  private final ErrorKind kind;

  OrdersError(int failureCode, ErrorKind kind) {
    this.failureCode = failureCode;
    this.kind = kind;
  }

  @Override
  public int failureCode() {
    return failureCode;
  }

  @Override
  public ErrorKind kind() {
    return kind;
  }
}
