package dev.cartwheel.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwheel.codecs.cloudevents.PreviousVersion;
import dev.cartwheel.runtime.outbox.OutboxEvent;
import io.cloudevents.CloudEvent;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A v2 of a type published beside its v1 for the window configuration sets, then alone. */
class VersionedCloudEventsTest {

  private static final String PLACED = "orders.evt.order-placed";
  private static final LocalDate LAST_DAY = LocalDate.parse("2027-06-30");

  /** A made-up v2 that renamed order.totalMinor to order.total: v1 consumers get the old name back. */
  private static final PreviousVersion V1 =
      new PreviousVersion(
          1,
          data -> {
            JsonObject order = data.getJsonObject("order");
            order.put("totalMinor", order.remove("total"));
            return data;
          });

  private static KafkaOutbound settings(
      Map<String, List<PreviousVersion>> previous, Map<String, LocalDate> until) {
    return new KafkaOutbound(
        true,
        "127.0.0.1:9092",
        Map.of("orders", "cartwheel.orders"),
        Set.of(),
        Duration.ofSeconds(5),
        Duration.ofMillis(5),
        URI.create("https://shop.example/api/schemas/"),
        previous,
        until);
  }

  private static final OutboxEvent EVENT =
      new OutboxEvent(
          3,
          UUID.randomUUID(),
          "order-1",
          PLACED,
          "{\"order\":{\"id\":\"order-1\",\"total\":1290}}",
          Instant.parse("2027-06-01T12:00:00Z"),
          null);

  @Test
  @DisplayName("without previous versions an event is one CloudEvent of its v1 type")
  void oneVersion() {
    VersionedCloudEvents events =
        new VersionedCloudEvents("orders", Set.of(PLACED), settings(Map.of(), Map.of()));
    List<CloudEvent> written = events.of(EVENT, LAST_DAY);
    assertThat(written)
        .singleElement()
        .extracting(CloudEvent::getType)
        .isEqualTo("dev.cartwheel.orders.order-placed.v1");
    assertThat(
            events.of(
                new OutboxEvent(
                    4, UUID.randomUUID(), "x", "orders.evt.other", "{}", Instant.now(), null),
                LAST_DAY))
        .as("not one of the domain's events")
        .isNull();
  }

  @Test
  @DisplayName(
      "within its window the v1 goes out beside the v2, in its own shape and schema, with the same id; after it, the v2 alone")
  void previousVersionWithinItsWindow() {
    VersionedCloudEvents events =
        new VersionedCloudEvents(
            "orders",
            Set.of(PLACED),
            settings(
                Map.of(PLACED, List.of(V1)),
                Map.of("dev.cartwheel.orders.order-placed.v1", LAST_DAY)));

    List<CloudEvent> onTheLastDay = events.of(EVENT, LAST_DAY);
    assertThat(onTheLastDay)
        .extracting(CloudEvent::getType)
        .containsExactly(
            "dev.cartwheel.orders.order-placed.v2", "dev.cartwheel.orders.order-placed.v1");
    assertThat(onTheLastDay).extracting(CloudEvent::getId).containsOnly(EVENT.id().toString());
    assertThat(onTheLastDay)
        .extracting(event -> event.getDataSchema().toString())
        .containsExactly(
            "https://shop.example/api/schemas/dev.cartwheel.orders.order-placed.v2.json",
            "https://shop.example/api/schemas/dev.cartwheel.orders.order-placed.v1.json");
    assertThat(data(onTheLastDay.get(0))).isEqualTo(new JsonObject(EVENT.payload()));
    assertThat(data(onTheLastDay.get(1)))
        .isEqualTo(new JsonObject("{\"order\":{\"id\":\"order-1\",\"totalMinor\":1290}}"));

    assertThat(events.of(EVENT, LAST_DAY.plusDays(1)))
        .extracting(CloudEvent::getType)
        .containsExactly("dev.cartwheel.orders.order-placed.v2");
  }

  @Test
  @DisplayName(
      "a previous version without a window is refused at start, so it never stops silently")
  void aPreviousVersionNeedsAWindow() {
    assertThatThrownBy(
            () ->
                new VersionedCloudEvents(
                    "orders", Set.of(PLACED), settings(Map.of(PLACED, List.of(V1)), Map.of())))
        .hasMessageContaining("dev.cartwheel.orders.order-placed.v1");
  }

  @Test
  @DisplayName(
      "kafka.outbound.previousVersions: \"<type> until <day>\" for each previous version, and for nothing else")
  void windowsFromConfiguration() {
    List<String> previous = List.of("dev.cartwheel.orders.order-placed.v1");
    assertThat(
            KafkaOutbound.windows(
                List.of("dev.cartwheel.orders.order-placed.v1 until 2027-06-30"), previous))
        .containsExactly(Map.entry("dev.cartwheel.orders.order-placed.v1", LAST_DAY));
    assertThatThrownBy(() -> KafkaOutbound.windows(List.of(), previous))
        .hasMessageContaining("has none for [dev.cartwheel.orders.order-placed.v1]");
    assertThatThrownBy(
            () ->
                KafkaOutbound.windows(
                    List.of("dev.cartwheel.orders.order-placed.v2 until 2027-06-30"), previous))
        .hasMessageContaining("is not a previous version");
    assertThatThrownBy(
            () ->
                KafkaOutbound.windows(
                    List.of("dev.cartwheel.orders.order-placed.v1 until June"), previous))
        .hasMessageContaining("is not a date");
    assertThatThrownBy(
            () -> KafkaOutbound.windows(List.of("dev.cartwheel.orders.order-placed.v1"), previous))
        .hasMessageContaining("<type> until <yyyy-mm-dd>");
    assertThat(KafkaOutbound.windows(List.of(), List.of())).isEmpty();
  }

  private static JsonObject data(CloudEvent event) {
    return new JsonObject(new String(event.getData().toBytes(), StandardCharsets.UTF_8));
  }
}
