package dev.cartwheel.codecs.payments;

import dev.cartwheel.codecs.ErrorCode;
import dev.cartwheel.codecs.ErrorKind;

/** Failures of the payments domain. Failure codes 1300-1399. */
public enum PaymentsError implements ErrorCode {
  PAYMENT_NOT_FOUND(1301, ErrorKind.NOT_FOUND),
  /** The provider did not answer, failed, or its circuit breaker is open. Nothing is known to be charged; retry. */
  PROVIDER_UNAVAILABLE(1302, ErrorKind.UNAVAILABLE),
  /** The order was already authorized for another amount. */
  AMOUNT_MISMATCH(1303, ErrorKind.CONFLICT);

  private final int failureCode;
  private final ErrorKind kind;

  PaymentsError(int failureCode, ErrorKind kind) {
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
