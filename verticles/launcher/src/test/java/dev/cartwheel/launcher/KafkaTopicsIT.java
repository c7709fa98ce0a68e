package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.testkit.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The node and its Kafka topics (kafka.provision.*): created where allowed, a readiness failure naming the
 * missing ones where not. Each test names its own topics, on the shared test broker.
 */
@Timeout(120)
class KafkaTopicsIT {

  private static final List<String> DOMAINS =
      List.of("users", "inventory", "payments", "orders", "notifications");

  private final String prefix = "it.topics." + UUID.randomUUID() + ".";
  private Admin admin;

  @BeforeEach
  void connect() {
    admin = Admin.create(Map.of("bootstrap.servers", TestServices.kafkaBootstrap()));
  }

  @AfterEach
  void disconnect() {
    admin.close();
  }

  @Test
  @DisplayName(
      "with kafka.provision.create on, a node creates its missing topics with the configured partitions, and warns about an existing one with fewer")
  void aNodeCreatesItsMissingTopics() throws Exception {
    admin
        .createTopics(List.of(new NewTopic(prefix + "orders", 1, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);

    try (LogCapture logs = LogCapture.start();
        RunningPlatform node = RunningPlatform.start(settings(true))) {
      Map<String, TopicDescription> topics =
          admin.describeTopics(topics()).allTopicNames().get(30, TimeUnit.SECONDS);
      assertThat(topics).containsOnlyKeys(topics());
      topics.forEach(
          (name, topic) ->
              assertThat(topic.partitions())
                  .as(name)
                  .hasSize(name.equals(prefix + "orders") ? 1 : 2));
      assertThat(logs.lines())
          .as("the warning about the topic made before")
          .anyMatch(
              line ->
                  line.getString("level").equals("WARN")
                      && line.getString("message").contains(prefix + "orders has 1 partitions"));
      assertThat(node.http.get("/health/ready").send().await().statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName(
      "with it off, a missing topic makes the node not ready, named in the log; once created by hand, the node is ready by itself")
  void aMissingTopicIsAReadinessFailure() throws Exception {
    // every topic but the dead-letter one, which no client touches until a record is rejected (so
    // none auto-creates it)
    String deadLetters = prefix + "inbound.dlq";
    admin
        .createTopics(
            topics().stream()
                .filter(name -> !name.equals(deadLetters))
                .map(name -> new NewTopic(name, 2, (short) 1))
                .toList())
        .all()
        .get(30, TimeUnit.SECONDS);

    try (LogCapture logs = LogCapture.start();
        RunningPlatform node = RunningPlatform.start(settings(false))) {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                JsonObject ready = node.http.get("/health/ready").send().await().bodyAsJsonObject();
                assertThat(ready.getString("status")).isEqualTo("DOWN");
                assertThat(statusOf(ready, "kafka-topics")).isEqualTo("DOWN");
                assertThat(statusOf(ready, "kafka")).isEqualTo("UP");
              });
      assertThat(logs.text())
          .as("the log names the missing topic")
          .contains("[" + deadLetters + "] are missing");
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .as("not created behind the operator's back")
          .doesNotContain(deadLetters);

      admin
          .createTopics(List.of(new NewTopic(deadLetters, 2, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> node.http.get("/health/ready").send().await().statusCode() == 200);
    }
  }

  private Map<String, String> settings(boolean create) {
    Map<String, String> settings = new HashMap<>();
    DOMAINS.forEach(domain -> settings.put("kafka.topics." + domain, prefix + domain));
    settings.put("bridge.inboundTopics", prefix + "inbound");
    settings.put("bridge.deadLetterTopic", prefix + "inbound.dlq");
    settings.put("kafka.provision.create", String.valueOf(create));
    settings.put("kafka.provision.partitions", "2");
    return settings;
  }

  private List<String> topics() {
    return Stream.concat(
            DOMAINS.stream().map(domain -> prefix + domain),
            Stream.of(prefix + "inbound", prefix + "inbound.dlq"))
        .toList();
  }

  private static String statusOf(JsonObject health, String check) {
    return health.getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .filter(entry -> entry.getString("id").equals(check))
        .map(entry -> entry.getString("status"))
        .findFirst()
        .orElseThrow();
  }
}
