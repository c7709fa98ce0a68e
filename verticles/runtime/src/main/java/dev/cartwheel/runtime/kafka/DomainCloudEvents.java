package dev.cartwheel.runtime.kafka;

import dev.cartwheel.runtime.observability.TraceContext;
import dev.cartwheel.runtime.outbox.OutboxEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.ZoneOffset;

/**
 * How a domain event looks as a CloudEvent 1.0: {@code id} the outbox event id (stable across
 * redeliveries), {@code source} {@code /cartwheel/<domain>}, {@code type} a version of
 * {@code dev.cartwheel.<domain>.<event>} ({@link VersionedCloudEvents} says which), {@code subject} and
 * the {@code partitionkey} extension the aggregate id, {@code time} when it happened, {@code dataschema}
 * where that version's schema is served, and its data.
 */
public final class DomainCloudEvents {

  public static final String JSON = "application/json";
  public static final String PARTITION_KEY = "partitionkey";

  private DomainCloudEvents() {}

  public static URI source(String domain) {
    return URI.create("/cartwheel/" + domain);
  }

  /**
   * The event as a CloudEvent of {@code type} (a version of its type) with that version's data; the trace
   * it was written in travels as the distributed-tracing extension.
   */
  public static CloudEvent of(
      String domain, OutboxEvent event, String type, URI dataSchema, byte[] data) {
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(event.id().toString())
            .withSource(source(domain))
            .withType(type)
            .withSubject(event.aggregateId())
            .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
            .withDataContentType(JSON)
            .withDataSchema(dataSchema)
            .withExtension(PARTITION_KEY, event.aggregateId())
            .withData(data);
    if (event.traceparent() != null) {
      builder.withExtension(TraceContext.TRACEPARENT, event.traceparent());
    }
    return builder.build();
  }
}
