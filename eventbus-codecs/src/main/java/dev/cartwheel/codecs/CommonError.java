package dev.cartwheel.codecs;

/** Failures every domain can report. Failure codes 1000-1099. */
public enum CommonError implements ErrorCode {
  VALIDATION_FAILED(1000, ErrorKind.INVALID),
  INTERNAL_ERROR(1001, ErrorKind.INTERNAL),
  /** Another domain this request needs did not answer; nothing was written. Retry shortly. */
  DEPENDENCY_UNAVAILABLE(1002, ErrorKind.UNAVAILABLE);

  private final int failureCode;
  private final ErrorKind kind;

  CommonError(int failureCode, ErrorKind kind) {
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
