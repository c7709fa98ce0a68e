package dev.cartwheel.runtime.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The W3C {@code traceparent} of the current span, and back: how a trace crosses a hop that Vert.x does
 * not trace by itself (an outbox row relayed later, a CloudEvent read from Kafka). The current span is the
 * one Vert.x keeps in the current context (vertx-opentelemetry's context storage).
 */
public final class TraceContext {

  public static final String TRACEPARENT = "traceparent";
  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<Map<String, String>> FROM_MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private TraceContext() {}

  /** The current span's traceparent, when a sampled or unsampled span is current. */
  public static Optional<String> currentTraceparent() {
    Map<String, String> carrier = new HashMap<>();
    W3C.inject(Context.current(), carrier, Map::put);
    return Optional.ofNullable(carrier.get(TRACEPARENT));
  }

  /** The trace id of the current span, for log lines; empty outside a trace. */
  public static Optional<String> currentTraceId() {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? Optional.of(span.getTraceId()) : Optional.empty();
  }

  /** A context whose parent is the remote span {@code traceparent} names; the root context if it names none. */
  public static Context fromTraceparent(String traceparent) {
    return W3C.extract(
        Context.root(),
        traceparent == null ? Map.of() : Map.of(TRACEPARENT, traceparent),
        FROM_MAP);
  }
}
