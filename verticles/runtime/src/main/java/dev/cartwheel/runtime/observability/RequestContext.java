package dev.cartwheel.runtime.observability;

import dev.cartwheel.runtime.vertx.VertxInternals;
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

  private RequestContext() {}

  /**
   * Remembers {@code requestId}, and the current trace id, for the rest of the current request's work: the
   * trace id is then known also after Vert.x has ended the request's span (the access log line).
   */
  public static void bind(String requestId) {
    if (requestId == null) {
      return;
    }
    VertxInternals.requestLocals()
        .ifPresent(
            locals -> {
              locals.put(KEY, requestId);
              TraceContext.currentTraceId().ifPresent(trace -> locals.put(TRACE_KEY, trace));
            });
  }

  /** The current span's trace id, or else the one of the request this context serves. */
  public static Optional<String> traceId() {
    Optional<String> current = TraceContext.currentTraceId();
    if (current.isPresent()) {
      return current;
    }
    return VertxInternals.requestLocals().map(locals -> (String) locals.get(TRACE_KEY));
  }

  public static Optional<String> requestId() {
    return VertxInternals.requestLocals().map(locals -> (String) locals.get(KEY));
  }
}
