package dev.cartwheel.codecs.inventory;

import dev.cartwheel.codecs.ErrorCode;
import dev.cartwheel.codecs.ErrorKind;

/** Failures of the inventory domain. Failure codes 1200-1299. */
public enum InventoryError implements ErrorCode {
  PRODUCT_NOT_FOUND(1201, ErrorKind.NOT_FOUND),
  SKU_TAKEN(1202, ErrorKind.CONFLICT),
  /** Some line asks for more than is available; field errors name the lines. Nothing was held. */
  OUT_OF_STOCK(1203, ErrorKind.CONFLICT),
  RESERVATION_NOT_FOUND(1204, ErrorKind.NOT_FOUND),
  /** The reservation was released or expired: its stock is no longer held. */
  RESERVATION_ENDED(1205, ErrorKind.CONFLICT),
  /** The reservation was committed: its stock has left and cannot be released. */
  RESERVATION_COMMITTED(1206, ErrorKind.CONFLICT),
  MIXED_CURRENCIES(1207, ErrorKind.INVALID);

  private final int failureCode;
  private final ErrorKind kind;

  InventoryError(int failureCode, ErrorKind kind) {
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
