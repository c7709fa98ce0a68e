package dev.cartwheel.runtime.kafka;

import dev.cartwheel.codecs.cloudevents.CloudEventTypes;
import dev.cartwheel.codecs.cloudevents.EventSchemas;
import dev.cartwheel.runtime.observability.TraceContext;
import dev.cartwheel.runtime.outbox.OutboxEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * How a domain event looks as a CloudEvent 1.0: {@code id} the outbox event id (stable across
 * redeliveries), {@code source} {@code /cartwheel/<domain>}, {@code type}
 * {@code dev.cartwheel.<domain>.<event>.v1}, {@code subject} and the {@code partitionkey} extension the
 * aggregate id, {@code time} when it happened, {@code dataschema} where the type's schema is served, and
 * the event record's JSON as data.
 */
public final class DomainCloudEvents {

  public static final String JSON = "application/json";
  public static final String PARTITION_KEY = "partitionkey";

  private DomainCloudEvents() {}

  /** {@code orders.evt.order-placed} → {@code dev.cartwheel.orders.order-placed.v1}. */
  public static String type(String address) {
    return CloudEventTypes.of(address);
  }

  /** Where the schema of the events of {@code address} is: {@code schemaBase} + its file name. */
  public static URI dataSchema(URI schemaBase, String address) {
    return schemaBase.resolve(EventSchemas.fileName(type(address)));
  }

  public static URI source(String domain) {
    return URI.create("/cartwheel/" + domain);
  }

  /** The event as a CloudEvent; the trace it was written in travels as the distributed-tracing extension. */
  public static CloudEvent of(String domain, OutboxEvent event, URI dataSchema) {
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(event.id().toString())
            .withSource(source(domain))
            .withType(type(event.address()))
            .withSubject(event.aggregateId())
            .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
            .withDataContentType(JSON)
            .withDataSchema(dataSchema)
            .withExtension(PARTITION_KEY, event.aggregateId())
            .withData(event.payload().getBytes(StandardCharsets.UTF_8));
    if (event.traceparent() != null) {
      builder.withExtension(TraceContext.TRACEPARENT, event.traceparent());
    }
    return builder.build();
  }
}
