package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.testkit.TestServices;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an operator sees of one node: an order is one trace from the HTTP request through every event-bus
 * hop and SQL statement to its CloudEvent on Kafka; an inbound CloudEvent continues its producer's trace;
 * /metrics serves Vert.x's, the JVM's, Kafka's and the domains' meters with labels from fixed sets only;
 * log lines carry the trace and request ids and never a password, a token or a payment token.
 * Spans are captured in memory (OpenTelemetry SDK testing exporter).
 */
@Timeout(180)
class ObservabilityIT {

  private static final String INBOUND = "it.observability.inbound." + UUID.randomUUID();
  private static final Pattern UUID_LIKE =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern LABEL_VALUE = Pattern.compile("=\"([^\"]*)\"");

  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
  private static SdkTracerProvider tracerProvider;
  private static LogCapture logs;
  private static RunningPlatform node;
  private static String adminToken;

  @BeforeAll
  static void start() {
    tracerProvider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build();
    OpenTelemetrySdk telemetry =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    logs = LogCapture.start();
    node =
        RunningPlatform.start(
            "conf",
            Map.of(
                "payments.simulator.latencyMs",
                "0",
                "bridge.inboundTopics",
                INBOUND,
                "bridge.deadLetterTopic",
                INBOUND + ".dlq",
                "bridge.groupId",
                "it-observability"),
            telemetry); // no UUID: the Kafka client id, a label, derives from it
    adminToken = Shoppers.login(node, "admin@cartwheel.dev", "cartwheel-dev-admin").token();
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (logs != null) {
      logs.close();
    }
    if (tracerProvider != null) {
      tracerProvider.close();
    }
  }

  @Test
  void anOrderIsOneTraceFromTheGatewayThroughOrdersInventoryAndPaymentsToItsCloudEvent() {
    String sku = sku("OBS-");
    Shoppers.createProduct(node, adminToken, sku, 10);
    String token = Shoppers.register(node, "traced").token();
    String requestId = "it-" + UUID.randomUUID();

    String orderId = order(token, sku, "tok_visa", requestId).getString("id");

    SpanData request =
        awaitSpan(
            span ->
                span.getKind() == SpanKind.SERVER
                    && attributes(span).contains("/api/v1/orders")
                    && attributes(span).contains("POST"));
    String trace = request.getTraceId();
    SpanData orders =
        awaitDescendant(
            request,
            span ->
                span.getKind() == SpanKind.SERVER
                    && attributes(span).contains(OrdersContract.PLACE));
    SpanData inventory =
        awaitDescendant(
            orders,
            span ->
                span.getKind() == SpanKind.SERVER
                    && attributes(span).contains(InventoryContract.RESERVE));
    SpanData payments =
        awaitDescendant(
            orders,
            span ->
                span.getKind() == SpanKind.SERVER
                    && attributes(span).contains(PaymentsContract.AUTHORIZE));
    awaitDescendant(
        orders,
        span -> span.getKind() == SpanKind.CLIENT && attributes(span).contains("postgresql"));
    awaitDescendant(
        inventory,
        span -> span.getKind() == SpanKind.CLIENT && attributes(span).contains("postgresql"));
    assertThat(List.of(orders, inventory, payments))
        .allMatch(span -> span.getTraceId().equals(trace));

    OrderEventsOnKafka events = OrderEventsOnKafka.read(List.of(orderId), Duration.ofSeconds(30));
    assertThat(events.traceparents.get(orderId))
        .as("the order's CloudEvents")
        .containsKeys(OrderEventsOnKafka.PLACED, OrderEventsOnKafka.CONFIRMED);
    assertThat(events.traceparents.get(orderId).get(OrderEventsOnKafka.PLACED))
        .as("the placed event continues the request's trace")
        .matches("00-" + trace + "-[0-9a-f]{16}-0[01]");
    assertThat(events.traceparents.get(orderId).get(OrderEventsOnKafka.CONFIRMED)).contains(trace);

    JsonObject accessLine =
        awaitLogLine(
            line ->
                "cartwheel.access".equals(line.getString("logger"))
                    && requestId.equals(line.getString("request_id")));
    assertThat(accessLine.getString("trace_id")).isEqualTo(trace);
    assertThat(accessLine.getString("message")).contains("POST /api/v1/orders 201");
  }

  @Test
  void anInboundCloudEventContinuesItsProducersTrace() throws Exception {
    String sku = sku("OBS-IN-");
    Shoppers.createProduct(node, adminToken, sku, 1);
    String producerTrace = randomHex(32);
    String producerSpan = randomHex(16);
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            INBOUND, bytes(sku), bytes("{\"sku\":\"" + sku + "\",\"quantity\":4}"));
    record
        .headers()
        .add("ce_specversion", bytes("1.0"))
        .add("ce_id", bytes(UUID.randomUUID().toString()))
        .add("ce_source", bytes("/warehouses/berlin"))
        .add("ce_type", bytes("dev.cartwheel.warehouse.restock.v1"))
        .add("ce_traceparent", bytes("00-" + producerTrace + "-" + producerSpan + "-01"))
        .add("content-type", bytes("application/json"));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", TestServices.kafkaBootstrap()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(record).get();
    }

    SpanData consumed =
        awaitSpan(
            span -> span.getKind() == SpanKind.CONSUMER && span.getTraceId().equals(producerTrace));
    assertThat(consumed.getParentSpanId())
        .as("the producer's span is the parent")
        .isEqualTo(producerSpan);
    SpanData restock =
        awaitDescendant(
            consumed,
            span ->
                span.getKind() == SpanKind.SERVER
                    && attributes(span).contains(InventoryContract.RESTOCK));
    assertThat(restock.getTraceId()).isEqualTo(producerTrace);
    awaitDescendant(
        consumed,
        span -> span.getKind() == SpanKind.CLIENT && attributes(span).contains("postgresql"));
  }

  @Test
  void aDeadLetterIsTheRecordAsItCameWithTheRejectingTraceInAHeaderOfOurs() throws Exception {
    String producerTrace = randomHex(32);
    String eventId = UUID.randomUUID().toString();
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            INBOUND, bytes("OBS-NOPE"), bytes("{\"sku\":\"OBS-NOPE\",\"quantity\":4}"));
    record
        .headers()
        .add("ce_specversion", bytes("1.0"))
        .add("ce_id", bytes(eventId))
        .add("ce_source", bytes("/warehouses/berlin"))
        .add("ce_type", bytes("dev.cartwheel.warehouse.restock.v1"))
        .add("ce_traceparent", bytes("00-" + producerTrace + "-" + randomHex(16) + "-01"))
        .add("content-type", bytes("application/json"));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", TestServices.kafkaBootstrap()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(record).get();
    }

    ConsumerRecord<byte[], byte[]> letter = deadLetter(eventId);
    List<String> original = KafkaInboundIT.describe(record.headers());
    List<String> copied = KafkaInboundIT.describe(letter.headers());
    assertThat(letter.key()).isEqualTo(record.key());
    assertThat(letter.value()).isEqualTo(record.value());
    assertThat(copied.subList(0, original.size()))
        .as("the record's own headers, byte for byte, with tracing on")
        .containsExactlyElementsOf(original);
    assertThat(copied.subList(original.size(), copied.size()))
        .as("then only ours")
        .allMatch(added -> added.startsWith("cartwheel.dlq."));
    assertThat(
            new String(
                letter.headers().lastHeader("cartwheel.dlq.traceparent").value(),
                StandardCharsets.UTF_8))
        .as("the rejecting attempt's trace, the producer's")
        .matches("00-" + producerTrace + "-[0-9a-f]{16}-0[01]");
  }

  @Test
  void metricsCoverThePlatformWithLabelsFromFixedSetsOnly() throws Exception {
    String sku = sku("OBS-M-");
    Shoppers.createProduct(node, adminToken, sku, 1);
    String token = Shoppers.register(node, "measured").token();
    order(token, sku, "tok_visa", "it-" + UUID.randomUUID());
    order(token, sku, "tok_visa", "it-" + UUID.randomUUID()); // out of stock
    String declined = sku("OBS-D-");
    Shoppers.createProduct(node, adminToken, declined, 1);
    order(token, declined, "tok_decline", "it-" + UUID.randomUUID());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", TestServices.kafkaBootstrap()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(INBOUND, null, bytes("not a cloudevent"))).get();
    }
    assertThat(node.http.get("/api/v1/no-such-operation").send().await().statusCode())
        .isEqualTo(404);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(metrics())
                    .contains(
                        "cartwheel_orders_placed_total",
                        "cartwheel_orders_confirmed_total",
                        "cartwheel_orders_cancelled_total{reason=\"out-of-stock\"}",
                        "cartwheel_orders_cancelled_total{reason=\"payment-declined\"}",
                        "cartwheel_saga_duration_seconds_bucket{status=\"confirmed\"",
                        "cartwheel_saga_duration_seconds_count{status=\"cancelled\"}",
                        "cartwheel_outbox_backlog{domain=\"orders\",sink=\"kafka\"}",
                        "cartwheel_outbox_oldest_age_ms{domain=\"orders\",sink=\"bus\"}",
                        "cartwheel_inbound_dead_letters_total{reason=\"not-a-cloudevent\"} 1.0",
                        "cartwheel_circuit_breakers{breaker=\"gateway.orders\",state=\"closed\"} 1.0",
                        "cartwheel_circuit_breakers{breaker=\"payments.provider\",state=\"closed\"}",
                        "cartwheel_stream_sessions",
                        "vertx_http_server_requests_total{code=\"201\",method=\"POST\",route=\"/api/v1/orders\"}",
                        "vertx_http_server_requests_total{code=\"404\",method=\"GET\",route=\"unrouted\"}",
                        "vertx_eventbus_processed_total",
                        "vertx_pool_in_use{pool_name=\"cartwheel-orders\",pool_type=\"sql\"}",
                        "vertx_sql_processing_time_seconds_count",
                        "jvm_memory_used_bytes",
                        "jvm_gc_pause_seconds",
                        "kafka_producer_record_send_total",
                        "kafka_consumer_fetch_manager_records_consumed_total"));

    String text = metrics();
    List<String> values = new ArrayList<>();
    Matcher value = LABEL_VALUE.matcher(text);
    while (value.find()) {
      values.add(value.group(1));
    }
    assertThat(values)
        .as("label values")
        .isNotEmpty()
        .noneMatch(label -> UUID_LIKE.matcher(label).find())
        .noneMatch(label -> label.contains("@"))
        .noneMatch(label -> label.startsWith("__vertx"))
        .as(
            "route labels: an OpenAPI template, an operations path, the web app or unrouted, never a chain")
        .noneMatch(label -> label.contains(">"));
  }

  @Test
  @DisplayName(
      "a topic label written as Kafka's client metrics write it gets the platform's topic name back")
  void kafkaTopicLabelsKeepTheirDots() {
    // Kafka's per-topic client meters appear only at Micrometer's next scan (a minute);
    // a meter tagged the same way shows the node's registry filter at once
    // (removed after: its topic, with a UUID, is no label value the other tests accept)
    Counter counter =
        node.platform.node().meters().counter("it.topic.label", "topic", INBOUND.replace('.', '_'));
    try {
      assertThat(metrics()).contains("it_topic_label_total{topic=\"" + INBOUND + "\"}");
    } finally {
      node.platform.node().meters().remove(counter);
    }
  }

  @Test
  void noPasswordTokenOrPaymentTokenReachesAnyLogLine() {
    String password = "secret-" + UUID.randomUUID();
    String email = "careful-" + UUID.randomUUID() + "@example.com";
    HttpResponse<Buffer> registered =
        node.http
            .post("/api/v1/users")
            .sendJsonObject(
                new JsonObject()
                    .put("email", email)
                    .put("password", password)
                    .put("fullName", "Careful"))
            .await();
    assertThat(registered.statusCode()).isEqualTo(201);
    String wrongPassword = "wrong-" + UUID.randomUUID();
    assertThat(
            node.http
                .post("/api/v1/sessions")
                .sendJsonObject(new JsonObject().put("email", email).put("password", wrongPassword))
                .await()
                .statusCode())
        .isEqualTo(401);
    String token = Shoppers.login(node, email, password).token();
    String sku = sku("OBS-S-");
    Shoppers.createProduct(node, adminToken, sku, 5);
    String paymentToken = "tok_card_" + UUID.randomUUID().toString().replace("-", "");
    order(token, sku, paymentToken, "it-" + UUID.randomUUID());
    String forged = token.substring(0, token.length() - 8) + "AAAAAAAA";
    assertThat(
            node.http
                .get("/api/v1/users/me")
                .bearerTokenAuthentication(forged)
                .send()
                .await()
                .statusCode())
        .isEqualTo(401);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> logs.text().contains("GET /api/v1/users/me 401"));

    String written = logs.text();
    assertThat(written)
        .as("every captured log line")
        .isNotEmpty()
        .doesNotContain(password)
        .doesNotContain(wrongPassword)
        .doesNotContain(token)
        .doesNotContain(token.substring(token.lastIndexOf('.') + 1))
        .doesNotContain(forged)
        .doesNotContain(adminToken)
        .doesNotContain(paymentToken);
  }

  private JsonObject order(String token, String sku, String paymentToken, String requestId) {
    HttpResponse<Buffer> response =
        node.http
            .post("/api/v1/orders")
            .bearerTokenAuthentication(token)
            .putHeader("Idempotency-Key", UUID.randomUUID().toString())
            .putHeader("X-Request-Id", requestId)
            .sendJsonObject(
                new JsonObject()
                    .put("paymentToken", paymentToken)
                    .put(
                        "lines",
                        new JsonArray().add(new JsonObject().put("sku", sku).put("quantity", 1))))
            .await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(201, 202);
    return response.bodyAsJsonObject();
  }

  private String metrics() {
    HttpResponse<Buffer> response = node.http.get("/metrics").send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsString();
  }

  private static SpanData awaitSpan(Predicate<SpanData> wanted) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> SPANS.getFinishedSpanItems().stream().filter(wanted).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** A span below {@code ancestor} (its child, grandchild, ...) that matches. */
  private static SpanData awaitDescendant(SpanData ancestor, Predicate<SpanData> wanted) {
    Optional<SpanData> found =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  Map<String, SpanData> byId =
                      SPANS.getFinishedSpanItems().stream()
                          .collect(
                              Collectors.toMap(
                                  SpanData::getSpanId, span -> span, (first, second) -> first));
                  return byId.values().stream()
                      .filter(wanted)
                      .filter(span -> descends(span, ancestor, byId))
                      .findFirst();
                },
                Optional::isPresent);
    return found.orElseThrow();
  }

  private static boolean descends(SpanData span, SpanData ancestor, Map<String, SpanData> byId) {
    SpanData parent = byId.get(span.getParentSpanId());
    while (parent != null) {
      if (parent.getSpanId().equals(ancestor.getSpanId())) {
        return true;
      }
      parent = byId.get(parent.getParentSpanId());
    }
    return false;
  }

  /** The span's name and attribute values, to match on. */
  private static String attributes(SpanData span) {
    return span.getName() + " " + span.getAttributes().asMap().values();
  }

  private static JsonObject awaitLogLine(Predicate<JsonObject> wanted) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> logs.lines().stream().filter(wanted).findFirst(), Optional::isPresent)
        .orElseThrow();
  }

  /** A product code of its own for each test (upper case, short: the catalogue's rule). */
  private static String sku(String prefix) {
    return prefix + randomHex(8).toUpperCase(Locale.ROOT);
  }

  /** The dead letter whose ce_id header is {@code eventId}. */
  private static ConsumerRecord<byte[], byte[]> deadLetter(String eventId) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                TestServices.kafkaBootstrap(),
                "group.id",
                "it-observability-dlq-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(INBOUND + ".dlq"));
      List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(500))
                    .forEach(
                        letter -> {
                          var id = letter.headers().lastHeader("ce_id");
                          if (id != null
                              && eventId.equals(new String(id.value(), StandardCharsets.UTF_8))) {
                            found.add(letter);
                          }
                        });
                return !found.isEmpty();
              });
      return found.get(0);
    }
  }

  private static String randomHex(int length) {
    StringBuilder hex = new StringBuilder();
    while (hex.length() < length) {
      hex.append(UUID.randomUUID().toString().replace("-", ""));
    }
    return hex.substring(0, length);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
