package dev.cartwheel.codecs.users;

import dev.cartwheel.codecs.ErrorCode;
import dev.cartwheel.codecs.ErrorKind;

/** Failures of the users domain. Failure codes 1100-1199. */
public enum UsersError implements ErrorCode {
  EMAIL_TAKEN(1101, ErrorKind.CONFLICT),
  /** Wrong password and unknown e-mail are deliberately the same failure. */
  INVALID_CREDENTIALS(1102, ErrorKind.UNAUTHENTICATED),
  USER_NOT_FOUND(1103, ErrorKind.NOT_FOUND),
  /** Too many password checks are waiting on this instance; retry shortly. */
  BUSY(1104, ErrorKind.UNAVAILABLE);

  private final int failureCode;
  private final ErrorKind kind;

  UsersError(int failureCode, ErrorKind kind) {
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
