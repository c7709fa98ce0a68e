package dev.cartwheel.gateway.problems;

import dev.cartwheel.codecs.FieldError;
import java.util.List;

/**
 * An RFC 9457 problem before it is written: HTTP status, stable code, human detail, field errors, and
 * for 503s the number of seconds after which a retry makes sense (0 when there is no such hint).
 */
public record Problem(
    int status, String code, String detail, List<FieldError> errors, int retryAfterSeconds) {

  public static Problem of(GatewayError error, String detail) {
    return new Problem(error.status, error.name(), detail, List.of(), 0);
  }

  public Problem withErrors(List<FieldError> errors) {
    return new Problem(status, code, detail, List.copyOf(errors), retryAfterSeconds);
  }

  public Problem retryAfter(int seconds) {
    return new Problem(status, code, detail, errors, seconds);
  }
}
