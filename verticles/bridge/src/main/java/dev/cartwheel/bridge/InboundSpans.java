package dev.cartwheel.bridge;

import dev.cartwheel.runtime.observability.TraceContext;
import dev.cartwheel.runtime.vertx.VertxInternals;
import io.cloudevents.CloudEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Continues the producer's trace while an inbound CloudEvent (or a batch of them) is handled. The record is read with a plain
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

  Future<Void> around(
      ConsumerRecord<?, ?> record, CloudEvent event, Supplier<Future<Void>> handling) {
    if (!enabled) {
      return handling.get();
    }
    return within(span(record, event).startSpan(), parentOf(event), handling);
  }

  /**
   * One span for a batch: its first record's trace continues (the parent, as for one record), the others'
   * are linked to it.
   */
  Future<Void> around(List<InboundProcessor.ReadRestock> batch, Supplier<Future<Void>> handling) {
    if (!enabled) {
      return handling.get();
    }
    InboundProcessor.ReadRestock first = batch.get(0);
    SpanBuilder builder =
        span(first.record(), first.event())
            .setAttribute("messaging.batch.message_count", (long) batch.size());
    for (InboundProcessor.ReadRestock other : batch.subList(1, batch.size())) {
      SpanContext linked = Span.fromContext(parentOf(other.event())).getSpanContext();
      if (linked.isValid()) {
        builder.addLink(linked);
      }
    }
    return within(builder.startSpan(), parentOf(first.event()), handling);
  }

  private static io.opentelemetry.context.Context parentOf(CloudEvent event) {
    Object traceparent = event.getExtension(TraceContext.TRACEPARENT);
    return TraceContext.fromTraceparent(traceparent == null ? null : traceparent.toString());
  }

  private SpanBuilder span(ConsumerRecord<?, ?> record, CloudEvent event) {
    return tracer
        .spanBuilder(record.topic() + " process")
        .setParent(parentOf(event))
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.operation", "process")
        .setAttribute("messaging.destination.name", record.topic())
        .setAttribute("messaging.kafka.destination.partition", (long) record.partition())
        .setAttribute("messaging.kafka.message.offset", record.offset())
        .setAttribute("cloudevents.event_id", event.getId())
        .setAttribute("cloudevents.event_type", event.getType());
  }

  // the span's scope is made current on a context used for this handling only, and never closed
  // (see
  // below)
  @SuppressWarnings("MustBeClosedChecker")
  private Future<Void> within(
      Span span, io.opentelemetry.context.Context parent, Supplier<Future<Void>> handling) {
    Context handlingContext = VertxInternals.freshDuplicate(vertx);
    Promise<Void> handled = Promise.promise();
    handlingContext.runOnContext(
        start -> {
          // this context serves this handling only and is dropped after it: the scope is never
          // closed
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
