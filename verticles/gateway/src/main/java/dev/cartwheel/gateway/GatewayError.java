package dev.cartwheel.gateway;

/** The gateway's own problem codes (domains bring theirs in a DomainFailure). */
enum GatewayError {
  VALIDATION_FAILED(400),
  MALFORMED_JSON(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  PAYLOAD_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  INTERNAL_ERROR(500),
  SERVICE_UNAVAILABLE(503),
  UPSTREAM_TIMEOUT(504);

  final int status;

  GatewayError(int status) {
    this.status = status;
  }
}
