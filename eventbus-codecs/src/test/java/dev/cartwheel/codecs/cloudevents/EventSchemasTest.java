package dev.cartwheel.codecs.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwheel.codecs.MessageSamples;
import dev.cartwheel.codecs.RecordJson;
import dev.cartwheel.codecs.bridge.BridgeContract;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

  private final EventSchemas schemas = EventSchemas.load();

  @Test
  @DisplayName(
      "the schema directory holds one schema per CloudEvent type the code knows, and no other")
  void oneSchemaPerKnownType() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources", EventSchemas.DIRECTORY))) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(
              schemas.types().stream().map(EventSchemas::fileName).toList());
    }
    assertThat(schemas.types())
        .hasSize(CloudEventTypes.outbound().size() + CloudEventTypes.inbound().size());
  }

  @Test
  @DisplayName("each schema names its type and is a 2020-12 schema of an object")
  void schemasDescribeTheirType() {
    for (String type : schemas.types()) {
      JsonObject schema = schemas.schema(type);
      assertThat(schema.getString("title")).isEqualTo(type);
      assertThat(schema.getString("$schema"))
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema.getString("type")).isEqualTo("object");
    }
  }

  @Test
  @DisplayName("a sample of every outbound event, as the outbox writes it, matches its schema")
  void samplesOfEveryEventMatch() {
    CloudEventTypes.EVENTS_BY_DOMAIN
        .values()
        .forEach(
            events ->
                events.forEach(
                    (address, eventClass) -> {
                      Record sample = MessageSamples.SAMPLES.get(eventClass);
                      assertThat(sample).as("a sample of %s", eventClass).isNotNull();
                      assertThat(
                              schemas.violations(
                                  CloudEventTypes.of(address),
                                  new JsonObject(RecordJson.encode(sample))))
                          .as(address)
                          .isEmpty();
                    }));
  }

  @Test
  @DisplayName("a violation names the place in the data that fails")
  void violationsNameThePath() {
    assertThat(
            schemas.violations(
                BridgeContract.RESTOCK_TYPE,
                new JsonObject().put("sku", "CW-MUG-01").put("quantity", 0)))
        .singleElement()
        .asString()
        .startsWith("/quantity: ");
    assertThat(
            schemas.violations(
                BridgeContract.PARTNER_ORDER_TYPE,
                new JsonObject(
                    "{\"customerId\":\"not-a-uuid\",\"partnerOrderId\":\"A-1\","
                        + "\"lines\":[{\"sku\":\"CW-MUG-01\",\"quantity\":\"two\"}],\"paymentToken\":\"tok_visa\"}")))
        .anySatisfy(violation -> assertThat(violation).startsWith("/customerId: "))
        .anySatisfy(violation -> assertThat(violation).startsWith("/lines/0/quantity: "));
    assertThat(schemas.violations(BridgeContract.RESTOCK_TYPE, new JsonObject().put("sku", "A")))
        .singleElement()
        .asString()
        .startsWith("/: ")
        .contains("quantity");
    assertThat(schemas.violations(BridgeContract.RESTOCK_TYPE, "a string"))
        .singleElement()
        .asString()
        .startsWith("/: ");
  }

  @Test
  @DisplayName("the type of an event address drops evt and adds the version")
  void typeOfAnAddress() {
    assertThat(CloudEventTypes.of("orders.evt.order-placed"))
        .isEqualTo("dev.cartwheel.orders.order-placed.v1");
    assertThat(CloudEventTypes.outbound())
        .containsEntry("dev.cartwheel.orders.order-placed.v1", "orders.evt.order-placed");
  }
}
