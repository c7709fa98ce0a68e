package dev.cartwheel.codecs.notifications;

import dev.cartwheel.codecs.ErrorCode;
import dev.cartwheel.codecs.ErrorKind;

/** Failures of the notifications domain. Failure codes 1600-1699. */
public enum NotificationsError implements ErrorCode {
  NOTIFICATION_NOT_FOUND(1601, ErrorKind.NOT_FOUND),
  /** A user this domain has not heard of (it learns users from their registration). */
  RECIPIENT_NOT_FOUND(1602, ErrorKind.NOT_FOUND);

  private final int failureCode;
  private final ErrorKind kind;

  NotificationsError(int failureCode, ErrorKind kind) {
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
