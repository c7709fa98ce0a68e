package dev.cartwheel.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwheel.runtime.config.ConfigReader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventContractsTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName(
      "the served AsyncAPI document names the topics and partitions the node is configured with")
  void theDocumentNamesTheConfiguredTopics() {
    JsonObject config =
        new JsonObject()
            .put(
                "kafka",
                new JsonObject()
                    .put(
                        "topics",
                        new JsonObject()
                            .put("users", "acme.users")
                            .put("inventory", "acme.inventory")
                            .put("payments", "acme.payments")
                            .put("orders", "acme.orders")
                            .put("notifications", "acme.notifications"))
                    .put("provision", new JsonObject().put("partitions", 12)))
            .put(
                "bridge",
                new JsonObject()
                    .put("inboundTopics", new JsonArray().add("acme.in").add("acme.in.eu"))
                    .put("deadLetterTopic", "acme.in.dlq"));

    JsonObject document =
        EventContracts.load(vertx, new ConfigReader(config))
            .await()
            .asyncApiDocument()
            .toJsonObject();

    JsonObject channels = document.getJsonObject("channels");
    assertThat(channels.getJsonObject("orders").getString("address")).isEqualTo("acme.orders");
    assertThat(channels.getJsonObject("inbound").getString("address")).isEqualTo("acme.in");
    assertThat(channels.getJsonObject("inbound").getString("description")).contains("acme.in.eu");
    assertThat(channels.getJsonObject("deadLetters").getString("address")).isEqualTo("acme.in.dlq");
    for (String channel : channels.fieldNames()) {
      JsonObject kafka =
          channels.getJsonObject(channel).getJsonObject("bindings").getJsonObject("kafka");
      assertThat(kafka.getString("topic"))
          .isEqualTo(channels.getJsonObject(channel).getString("address"))
          .startsWith("acme.");
      assertThat(kafka.getInteger("partitions")).isEqualTo(12);
    }
  }
}
