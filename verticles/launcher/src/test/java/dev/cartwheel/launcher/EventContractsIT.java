package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.cloudevents.CloudEventTypes;
import dev.cartwheel.codecs.cloudevents.EventSchemas;
import dev.cartwheel.launcher.Shoppers.Shopper;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Kafka side's contracts as partners meet them: the AsyncAPI document the gateway serves, read by
 * the AsyncAPI initiative's own parser; the schemas beside it; and the partners' guide, whose kcat
 * session and Java producer run here against the test broker.
 */
@Timeout(300)
class EventContractsIT {

  private static final Path GUIDE = Path.of("../../docs/event-contracts.md");
  private static final Path DEFAULTS = Path.of("../../conf/config.json");
  private static final String STRUCTURED = "structuredCloudEvent";

  private static RunningPlatform node;

  @BeforeAll
  static void start() {
    node = RunningPlatform.start(Map.of());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  @DisplayName(
      "the served AsyncAPI document passes @asyncapi/parser, and lists exactly the topics and types the code knows, each with its schema")
  void asyncApiDocumentMatchesTheCode() throws Exception {
    String url = node.platform.node().url().orElseThrow() + "/api/asyncapi.json";
    Run parse = run(Map.of(), "node", "src/test/asyncapi/parse.mjs", url);
    assertThat(parse.exitCode()).as(parse.toString()).isZero();
    JsonObject report = new JsonObject(parse.stdout());

    assertThat(report.getJsonArray("diagnostics").stream().map(JsonObject.class::cast))
        .as("no errors or warnings (severity 0 and 1; 2 and 3 are information and hints)")
        .allMatch(diagnostic -> diagnostic.getInteger("severity") >= 2, report.encodePrettily());

    JsonObject defaults = new JsonObject(Files.readString(DEFAULTS));
    Map<String, List<String>> expected = new HashMap<>();
    JsonObject topics = defaults.getJsonObject("kafka").getJsonObject("topics");
    assertThat(topics.fieldNames()).isEqualTo(CloudEventTypes.EVENTS_BY_DOMAIN.keySet());
    CloudEventTypes.EVENTS_BY_DOMAIN.forEach(
        (domain, events) -> {
          // every version still described: the current ones and those in a deprecation window
          List<String> messages =
              new ArrayList<>(
                  CloudEventTypes.outbound().entrySet().stream()
                      .filter(type -> events.containsKey(type.getValue()))
                      .map(Map.Entry::getKey)
                      .toList());
          messages.add(STRUCTURED);
          expected.put(topics.getString(domain), messages);
        });
    JsonObject bridge = defaults.getJsonObject("bridge");
    List<String> inbound = new ArrayList<>(CloudEventTypes.inbound());
    inbound.add(STRUCTURED);
    expected.put(bridge.getJsonArray("inboundTopics").getString(0), inbound);
    expected.put(bridge.getString("deadLetterTopic"), List.of("deadLetter"));

    JsonObject channels = report.getJsonObject("channels");
    assertThat(channels.fieldNames()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (topic, messages) ->
            assertThat(channels.getJsonArray(topic).getList())
                .as("messages of %s", topic)
                .containsExactlyInAnyOrderElementsOf(messages));
    JsonObject titles = report.getJsonObject("payloadTitles");
    for (String type : EventSchemas.load().types()) {
      assertThat(titles.getString(type))
          .as("the payload of %s is its schema, fetched from the gateway", type)
          .isEqualTo(type);
    }
  }

  @Test
  @DisplayName(
      "each type's schema is served where its dataschema points; any other name is a 404; /api links the document")
  void schemasAreServed() {
    EventSchemas schemas = EventSchemas.load();
    for (String type : schemas.types()) {
      HttpResponse<Buffer> response =
          node.http.get("/api/schemas/" + EventSchemas.fileName(type)).send().await();
      assertThat(response.statusCode()).as(type).isEqualTo(200);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/schema+json");
      assertThat(response.bodyAsJsonObject()).isEqualTo(schemas.schema(type));
    }
    for (String name :
        List.of(
            "nothing.json", "..%2Fasyncapi.json", "dev.cartwheel.orders.order-placed.v9.json")) {
      HttpResponse<Buffer> missing = node.http.get("/api/schemas/" + name).send().await();
      assertThat(missing.statusCode()).as(name).isEqualTo(404);
      assertThat(missing.getHeader("Content-Type")).startsWith("application/problem+json");
    }
    assertThat(node.http.get("/api").send().await().bodyAsJsonObject().getString("asyncapi"))
        .isEqualTo("/api/asyncapi.json");
  }

  @Test
  @DisplayName(
      "the guide's kcat session runs as written: one restock taken once, the bad one dead-lettered with the output the guide shows")
  void guidesKcatSessionRuns() throws Exception {
    // the session's ids are fixed: forget that an earlier run handled them
    TestServices.sql("TRUNCATE bridge.processed_inbound, bridge.dead_letters, inventory.restocks");
    int before = stock("CW-MUG-01");

    Run session =
        run(
            Map.of("BROKER", TestServices.kafkaBootstrap()),
            "bash",
            "-euo",
            "pipefail",
            "-c",
            codeBlock("kcat-session"));

    assertThat(session.exitCode()).as(session.toString()).isZero();
    assertThat(session.stdout().strip()).isEqualTo(codeBlock("kcat-output").strip());
    // the dead letter came after both restocks of the same key: they were handled by then
    assertThat(stock("CW-MUG-01")).as("24 once, though sent twice").isEqualTo(before + 24);
  }

  @Test
  @DisplayName(
      "the guide's Java producer is the code that runs here, and its partner order becomes the customer's order")
  void guidesJavaProducerPlacesAnOrder() throws Exception {
    assertThat(codeBlock("java-producer").strip())
        .isEqualTo(
            region(Path.of("src/test/java/dev/cartwheel/launcher/PartnerOrderProducer.java")));
    Shopper customer = Shoppers.register(node, "partner-customer");

    PartnerOrderProducer.send(
        TestServices.kafkaBootstrap(),
        "cartwheel.inbound",
        UUID.fromString(customer.userId()),
        "ACME-" + UUID.randomUUID());

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonArray orders =
                  node.http
                      .get("/api/v1/orders")
                      .bearerTokenAuthentication(customer.token())
                      .send()
                      .await()
                      .bodyAsJsonObject()
                      .getJsonArray("items");
              assertThat(orders).hasSize(1);
              assertThat(orders.getJsonObject(0).getString("status")).isEqualTo("CONFIRMED");
            });
  }

  private static int stock(String sku) {
    return node.http
        .get("/api/v1/products/" + sku)
        .send()
        .await()
        .bodyAsJsonObject()
        .getInteger("stockOnHand");
  }

  /** The fenced block between {@code <!-- name: start -->} and {@code <!-- name: end -->} in the guide. */
  private static String codeBlock(String name) throws IOException {
    String guide = Files.readString(GUIDE);
    String start = "<!-- " + name + ": start -->";
    String end = "<!-- " + name + ": end -->";
    assertThat(guide).contains(start, end);
    List<String> lines =
        guide
            .substring(guide.indexOf(start) + start.length(), guide.indexOf(end))
            .strip()
            .lines()
            .toList();
    assertThat(lines.get(0)).startsWith("```");
    assertThat(lines.get(lines.size() - 1)).isEqualTo("```");
    return String.join("\n", lines.subList(1, lines.size() - 1)) + "\n";
  }

  /** The lines between {@code // guide:start} and {@code // guide:end}, without their indentation. */
  private static String region(Path source) throws IOException {
    List<String> lines = Files.readAllLines(source);
    List<String> region =
        lines.subList(lines.indexOf("    // guide:start") + 1, lines.indexOf("    // guide:end"));
    return region.stream()
        .map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
        .collect(Collectors.joining("\n"))
        .strip();
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  private static Run run(Map<String, String> environment, String... command) throws Exception {
    Path out = Files.createTempFile("contracts", ".out");
    Path err = Files.createTempFile("contracts", ".err");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command) + " did not finish in 120 s: " + Files.readString(err));
      }
      return new Run(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
  }
}
