package dev.cartwheel.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwheel.codecs.cloudevents.CloudEventTypes;
import dev.cartwheel.runtime.outbox.OutboxEvent;
import io.cloudevents.CloudEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DomainCloudEventsTest {

  @Test
  void theTypeIsTheAddressWithoutEvt() {
    assertThat(CloudEventTypes.of("orders.evt.order-placed"))
        .isEqualTo("dev.cartwheel.orders.order-placed.v1");
    assertThat(CloudEventTypes.of("inventory.evt.reservation-expired"))
        .isEqualTo("dev.cartwheel.inventory.reservation-expired.v1");
  }

  @Test
  void aCommandAddressHasNoEventType() {
    for (String address : new String[] {"orders.cmd.place", "orders.evt.", ".evt.order-placed"}) {
      assertThatThrownBy(() -> CloudEventTypes.of(address))
          .as(address)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void anOutboxRowBecomesACloudEvent() {
    UUID id = UUID.randomUUID();
    Instant at = Instant.parse("2026-11-23T12:00:00Z");
    CloudEvent event =
        DomainCloudEvents.of(
            "orders",
            new OutboxEvent(7, id, "order-1", "orders.evt.order-confirmed", "{\"a\":1}", at, null),
            "dev.cartwheel.orders.order-confirmed.v1",
            URI.create(
                "https://shop.example/api/schemas/dev.cartwheel.orders.order-confirmed.v1.json"),
            "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

    assertThat(event.getId()).isEqualTo(id.toString());
    assertThat(event.getSource()).hasToString("/cartwheel/orders");
    assertThat(event.getType()).isEqualTo("dev.cartwheel.orders.order-confirmed.v1");
    assertThat(event.getSubject()).isEqualTo("order-1");
    assertThat(event.getExtension("partitionkey")).isEqualTo("order-1");
    assertThat(event.getTime().toInstant()).isEqualTo(at);
    assertThat(event.getDataContentType()).isEqualTo("application/json");
    assertThat(event.getDataSchema())
        .hasToString(
            "https://shop.example/api/schemas/dev.cartwheel.orders.order-confirmed.v1.json");
    assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}");
    assertThat(event.getExtension("traceparent")).as("written outside a trace").isNull();
  }

  @Test
  void theTraceAnEventWasWrittenInTravelsWithIt() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    CloudEvent event =
        DomainCloudEvents.of(
            "orders",
            new OutboxEvent(
                8,
                UUID.randomUUID(),
                "order-2",
                "orders.evt.order-placed",
                "{}",
                Instant.now(),
                traceparent),
            "dev.cartwheel.orders.order-placed.v1",
            URI.create(
                "https://shop.example/api/schemas/dev.cartwheel.orders.order-placed.v1.json"),
            new byte[0]);

    assertThat(event.getExtension("traceparent")).isEqualTo(traceparent);
  }
}
