package dev.cartwheel.gateway.problems;

/** The gateway's own problem codes (domains bring theirs in a DomainFailure). */
public enum GatewayError {
  VALIDATION_FAILED(400),
  MALFORMED_JSON(400),
  /** A stream resume named an event that is not one of the caller's. */
  UNKNOWN_LAST_EVENT_ID(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  /** The request (its body, or the work behind it) took longer than http.requestTimeoutMs. */
  REQUEST_TIMEOUT(408),
  PAYLOAD_TOO_LARGE(413),
  /** A plain request to the stream, which only speaks WebSocket. */
  UPGRADE_REQUIRED(426),
  UNSUPPORTED_MEDIA_TYPE(415),
  /** Too many live streams open, for this user or on this gateway node. */
  STREAM_LIMIT_REACHED(429),
  /** The client's token bucket is empty (rateLimits.*). */
  RATE_LIMITED(429),
  /** Too many failed sign-ins for the account or from the address, or registrations from the address (loginThrottle.*). */
  TOO_MANY_ATTEMPTS(429),
  INTERNAL_ERROR(500),
  SERVICE_UNAVAILABLE(503),
  UPSTREAM_TIMEOUT(504);

  final int status;

  GatewayError(int status) {
    this.status = status;
  }
}
