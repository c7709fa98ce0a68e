package dev.cartwheel.codecs;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.List;

/**
 * The one way a domain answers a request with a failure: a {@link ReplyException} that also carries the
 * stable error code, its kind and, for invalid input, the field errors. Vert.x treats a reply whose body
 * is a ReplyException as a failed reply, so requesters see an ordinary failed future; it crosses the
 * cluster through {@link DomainFailureCodec}.
 */
public final class DomainFailure extends ReplyException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final ErrorKind kind;
  private final List<FieldError> fieldErrors;

  public DomainFailure(
      int failureCode, String code, ErrorKind kind, String detail, List<FieldError> fieldErrors) {
    super(ReplyFailure.RECIPIENT_FAILURE, failureCode, detail);
    this.code = code;
    this.kind = kind;
    this.fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
  }

  public static DomainFailure of(ErrorCode error, String detail) {
    return of(error, detail, List.of());
  }

  /** A failure that names the fields (or lines) it is about. */
  public static DomainFailure of(ErrorCode error, String detail, List<FieldError> fieldErrors) {
    return new DomainFailure(error.failureCode(), error.code(), error.kind(), detail, fieldErrors);
  }

  public static DomainFailure invalid(List<FieldError> fieldErrors) {
    String detail =
        fieldErrors.size() == 1
            ? "1 field is invalid."
            : fieldErrors.size() + " fields are invalid.";
    return of(CommonError.VALIDATION_FAILED, detail, fieldErrors);
  }

  public String code() {
    return code;
  }

  public ErrorKind kind() {
    return kind;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  // the log form; getMessage() stays the bare detail that clients are shown
  @SuppressWarnings("OverrideThrowableToString")
  @Override
  public String toString() {
    return code + ": " + getMessage() + (fieldErrors.isEmpty() ? "" : " " + fieldErrors);
  }
}
