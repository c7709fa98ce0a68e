package dev.cartwheel.bridge;

import java.util.List;

/**
 * A record the platform will never accept as it is: it goes to the dead-letter topic under a stable
 * {@code reason} (see {@link #NOT_A_CLOUDEVENT} and the others), with a human {@code detail}.
 */
final class Rejection extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Neither binary nor structured CloudEvent (missing or broken attributes, unreadable value). */
  static final String NOT_A_CLOUDEVENT = "not-a-cloudevent";

  /** A well-formed CloudEvent of a type the platform does not take in. */
  static final String UNKNOWN_TYPE = "unknown-type";

  /** A known type whose data is not JSON of its schema, or fails its checks. */
  static final String INVALID_DATA = "invalid-data";

  /** The domain refused it for good (e.g. PRODUCT_NOT_FOUND); the detail starts with its error code. */
  static final String REJECTED = "rejected";

  /** The domain stayed unavailable through every attempt; replay it once it is back. */
  static final String RETRIES_EXHAUSTED = "retries-exhausted";

  static final List<String> REASONS =
      List.of(NOT_A_CLOUDEVENT, UNKNOWN_TYPE, INVALID_DATA, REJECTED, RETRIES_EXHAUSTED);

  private final String reason;

  Rejection(String reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
