package dev.cartwheel.codecs;

/**
 * A stable, documented failure of a domain operation. Each domain's contract has an enum of these.
 * {@link #code()} is what clients see (never renamed); {@link #failureCode()} is the event-bus
 * failure code, unique across all domains.
 */
public interface ErrorCode {

  int failureCode();

  ErrorKind kind();

  /** Implemented by every enum: the constant's name. */
  String name();

  /** The stable code clients see: the enum constant's name. */
  default String code() {
    return name();
  }
}
