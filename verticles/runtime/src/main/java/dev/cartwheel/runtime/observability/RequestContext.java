package dev.cartwheel.runtime.observability;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.util.Optional;

/**
 * The request id (and trace id) of the work the current Vert.x context does, for log lines. Vert.x runs each HTTP request
 * and each event-bus message on a context of its own (a duplicate of the verticle's), which the callbacks
 * of that work keep: the id is stored there, so it follows the request across its asynchronous steps, and
 * never leaks to another request. Outside such a context nothing is stored.
 */
public final class RequestContext {

  private static final String KEY = "cartwheel.requestId";
  private static final String TRACE_KEY = "cartwheel.traceId";

  private RequestContext() {
  }

  /**
   * Remembers {@code requestId}, and the current trace id, for the rest of the current request's work: the
   * trace id is then known also after Vert.x has ended the request's span (the access log line).
   */
  public static void bind(String requestId) {
    Context context = Vertx.currentContext();
    if (requestId != null && context instanceof ContextInternal internal && internal.isDuplicate()) {
      internal.localContextData().put(KEY, requestId);
      TraceContext.currentTraceId().ifPresent(trace -> internal.localContextData().put(TRACE_KEY, trace));
    }
  }

  /** The current span's trace id, or else the one of the request this context serves. */
  public static Optional<String> traceId() {
    Optional<String> current = TraceContext.currentTraceId();
    if (current.isPresent()) {
      return current;
    }
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal && internal.isDuplicate()) {
      return Optional.ofNullable((String) internal.localContextData().get(TRACE_KEY));
    }
    return Optional.empty();
  }

  public static Optional<String> requestId() {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal && internal.isDuplicate()) {
      return Optional.ofNullable((String) internal.localContextData().get(KEY));
    }
    return Optional.empty();
  }
}
