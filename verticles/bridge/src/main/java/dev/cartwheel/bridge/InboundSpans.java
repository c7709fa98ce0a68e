package dev.cartwheel.bridge;

import dev.cartwheel.runtime.observability.TraceContext;
import dev.cartwheel.runtime.vertx.VertxInternals;
import io.cloudevents.CloudEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Continues the producer's trace while an inbound CloudEvent is handled. The record is read with a plain
 * poll, which Vert.x does not trace, so the span is made here: a CONSUMER span whose parent is the
 * event's {@code traceparent} extension (a new trace when it has none). The handling runs on a Vert.x
 * context of its own, holding that span, so every event-bus request and SQL statement of the handling
 * becomes its child.
 */
final class InboundSpans {

  private final Vertx vertx;
  private final Tracer tracer;
  private final boolean enabled;

  InboundSpans(Vertx vertx, OpenTelemetry telemetry) {
    this.vertx = vertx;
    this.tracer = telemetry.getTracer("cartwheel.bridge");
    // without tracing there is no Vert.x context storage to put a span in
    this.enabled = telemetry != OpenTelemetry.noop();
  }

  // the span's scope is made current on a context used for this record only, and never closed (see
  // below)
  @SuppressWarnings("MustBeClosedChecker")
  Future<Void> around(
      ConsumerRecord<?, ?> record, CloudEvent event, Supplier<Future<Void>> handling) {
    if (!enabled) {
      return handling.get();
    }
    Object traceparent = event.getExtension(TraceContext.TRACEPARENT);
    io.opentelemetry.context.Context parent =
        TraceContext.fromTraceparent(traceparent == null ? null : traceparent.toString());
    Span span =
        tracer
            .spanBuilder(record.topic() + " process")
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.operation", "process")
            .setAttribute("messaging.destination.name", record.topic())
            .setAttribute("messaging.kafka.destination.partition", (long) record.partition())
            .setAttribute("messaging.kafka.message.offset", record.offset())
            .setAttribute("cloudevents.event_id", event.getId())
            .setAttribute("cloudevents.event_type", event.getType())
            .startSpan();
    Context handlingContext = VertxInternals.freshDuplicate(vertx);
    Promise<Void> handled = Promise.promise();
    handlingContext.runOnContext(
        start -> {
          // this context serves this record only and is dropped after it: the scope is never closed
          parent.with(span).makeCurrent();
          handling.get().onComplete(handled);
        });
    return handled
        .future()
        .andThen(
            done -> {
              if (done.failed()) {
                span.setStatus(StatusCode.ERROR, String.valueOf(done.cause().getMessage()));
              }
              span.end();
            });
  }
}
