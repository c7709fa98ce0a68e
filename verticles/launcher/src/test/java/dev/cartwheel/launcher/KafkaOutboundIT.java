package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.cloudevents.CloudEventTypes;
import dev.cartwheel.codecs.cloudevents.EventSchemas;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.Reserve;
import dev.cartwheel.codecs.inventory.Restock;
import dev.cartwheel.codecs.inventory.StockLine;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderLine;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.payments.Authorize;
import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.codecs.payments.Refund;
import dev.cartwheel.codecs.users.RegisterUser;
import dev.cartwheel.codecs.users.UsersContract;
import dev.cartwheel.embedded.KafkaBroker;
import dev.cartwheel.notifications.NotificationsVerticle;
import dev.cartwheel.runtime.kafka.DomainCloudEvents;
import dev.cartwheel.testkit.TestServices;
import dev.cartwheel.users.UsersVerticle;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Domain events leave through the outboxes as CloudEvents on Kafka, read back here the way a foreign
 * consumer would: a plain kafka-clients consumer with the CloudEvents SDK's deserializer.
 */
@Timeout(180)
class KafkaOutboundIT {

  private static final List<String> DOMAINS =
      List.copyOf(CloudEventTypes.EVENTS_BY_DOMAIN.keySet());
  private static final EventSchemas SCHEMAS = EventSchemas.load();

  private Commerce commerce;
  private KafkaBroker broker;

  @AfterEach
  void stop() {
    if (commerce != null) {
      commerce.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @DisplayName(
      "every event type of every domain arrives once as a binary-mode CloudEvent with its attributes, key and data")
  void everyEventTypeArrivesAsACloudEvent() {
    start(Map.of("inventory.holdSeconds", "2"), TestServices.kafkaBootstrap());
    exerciseEveryEventType();
    List<OutboxRow> expected = awaitAllSentToKafka();
    assertThat(expected.stream().map(OutboxRow::address).collect(Collectors.toSet()))
        .as("the scenario raised every event type there is")
        .containsExactlyInAnyOrderElementsOf(CloudEventTypes.outbound().values());

    Map<String, List<ConsumerRecord<String, CloudEvent>>> received =
        consume(TestServices.kafkaBootstrap(), topics(), ids(expected));

    for (OutboxRow row : expected) {
      List<ConsumerRecord<String, CloudEvent>> copies = received.get(row.id());
      assertThat(copies).as("records of %s", row.address()).hasSize(1);
      ConsumerRecord<String, CloudEvent> record = copies.get(0);
      CloudEvent event = record.value();
      assertThat(record.topic()).isEqualTo("cartwheel." + row.domain());
      assertThat(record.key()).isEqualTo(row.aggregateId());
      assertThat(header(record, "ce_id"))
          .as("binary mode carries attributes in ce_ headers")
          .isEqualTo(row.id());
      assertThat(header(record, "content-type")).isEqualTo("application/json");
      assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
      assertThat(event.getSource()).hasToString("/cartwheel/" + row.domain());
      assertThat(event.getType())
          .isEqualTo(
              "dev.cartwheel."
                  + row.domain()
                  + "."
                  + row.address().substring(row.address().indexOf(".evt.") + 5)
                  + ".v1");
      assertThat(event.getSubject()).isEqualTo(row.aggregateId());
      assertThat(event.getExtension(DomainCloudEvents.PARTITION_KEY)).isEqualTo(row.aggregateId());
      assertThat(event.getTime()).isNotNull();
      assertThat(event.getDataContentType()).isEqualTo("application/json");
      assertThat(event.getDataSchema())
          .hasToString("http://localhost:8080/api/schemas/" + event.getType() + ".json");
      JsonObject data =
          new JsonObject(new String(event.getData().toBytes(), StandardCharsets.UTF_8));
      assertThat(data).isEqualTo(row.payload());
      assertThat(SCHEMAS.violations(event.getType(), data))
          .as("%s as a consumer reads it, against its published schema", event.getType())
          .isEmpty();
    }
  }

  @Test
  @DisplayName(
      "a topic configured structured carries the whole CloudEvent as JSON in the record value")
  void structuredTopic() {
    String topic = "it.structured." + UUID.randomUUID();
    start(
        Map.of("kafka.topics.orders", topic, "kafka.outbound.structuredTopics", topic),
        TestServices.kafkaBootstrap());
    commerce.product("CE-STRUCT", 500, 5);
    Order order =
        commerce.place(UUID.randomUUID(), List.of(new OrderLine("CE-STRUCT", 1)), "tok_visa");
    List<OutboxRow> expected =
        awaitAllSentToKafka().stream().filter(row -> row.domain().equals("orders")).toList();

    Map<String, List<ConsumerRecord<String, CloudEvent>>> received =
        consume(TestServices.kafkaBootstrap(), List.of(topic), ids(expected));

    assertThat(received).hasSize(2);
    for (List<ConsumerRecord<String, CloudEvent>> copies : received.values()) {
      ConsumerRecord<String, CloudEvent> record = copies.get(0);
      assertThat(header(record, "content-type")).startsWith("application/cloudevents+json");
      assertThat(record.headers().lastHeader("ce_id")).isNull();
      assertThat(record.key()).isEqualTo(order.id().toString());
      assertThat(record.value().getSubject()).isEqualTo(order.id().toString());
      assertThat(record.value().getType()).startsWith("dev.cartwheel.orders.order-");
    }
  }

  @Test
  @DisplayName(
      "with the broker stopped, orders still go through; once it is back, every event goes out at least once (a repeat keeps its CloudEvent id), in order per order")
  void brokerStoppedAndRestartedLosesNothingButMayRepeat() throws Exception {
    Path dir = Path.of("target", "it-kafka-restart");
    deleteRecursively(dir);
    int port = freePortPair();
    broker = KafkaBroker.start(dir, port, false);
    // batches of 4: the backlog drains in full batches, which the Kafka sink flushes without
    // waiting linger.ms
    start(
        Map.of("kafka.outbound.sendTimeoutMs", "1000", "outbox.batchSize", "4"),
        broker.bootstrap());
    commerce.product("CE-RESTART", 100, 1000);

    List<Order> orders = new ArrayList<>(placeOrders(10));
    awaitAllSentToKafka();
    broker.close();
    broker = null;
    orders.addAll(placeOrders(10));
    assertThat(orders).allMatch(order -> order.status() == OrderStatus.CONFIRMED);
    assertThat(
            TestServices.queryOne("SELECT count(*) FROM orders.outbox WHERE kafka_sent_at IS NULL"))
        .as("waiting for Kafka")
        .isEqualTo("20");
    await()
        .untilAsserted(
            () ->
                assertThat(
                        TestServices.queryOne(
                            "SELECT count(*) FROM orders.outbox WHERE published_at IS NULL"))
                    .as("the event bus did not wait")
                    .isEqualTo("0"));

    broker = KafkaBroker.start(dir, port, false);
    List<OutboxRow> expected =
        awaitAllSentToKafka().stream().filter(row -> row.domain().equals("orders")).toList();
    assertThat(expected).hasSize(40);
    Map<String, List<ConsumerRecord<String, CloudEvent>>> received =
        consume(broker.bootstrap(), List.of("cartwheel.orders"), ids(expected));

    // a batch whose acknowledgement was lost is sent again: consumers dedupe on the CloudEvent id
    assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(ids(expected));
    for (Order order : orders) {
      List<String> types =
          received.values().stream()
              .map(copies -> copies.get(0))
              .filter(record -> record.key().equals(order.id().toString()))
              .sorted((a, b) -> Long.compare(a.offset(), b.offset()))
              .map(record -> record.value().getType())
              .distinct()
              .toList();
      assertThat(types)
          .as("events of order %s, in partition order", order.id())
          .containsExactly(
              "dev.cartwheel.orders.order-placed.v1", "dev.cartwheel.orders.order-confirmed.v1");
    }
  }

  private void start(Map<String, String> overrides, String kafka) {
    Map<String, String> settings = new HashMap<>(overrides);
    settings.put("kafka.bootstrap", kafka);
    commerce = Commerce.start(settings);
    commerce.deploy(UsersVerticle.class, Map.of());
    // every registration writes a welcome notification
    commerce.deploy(NotificationsVerticle.class, Map.of());
    TestServices.sql(
        "TRUNCATE users.outbox, notifications.outbox, notifications.notifications,"
            + " notifications.recipients");
  }

  private List<Order> placeOrders(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                commerce.place(
                    UUID.randomUUID(), List.of(new OrderLine("CE-RESTART", 1)), "tok_visa"))
        .toList();
  }

  /** Raises each domain event at least once. */
  private void exerciseEveryEventType() {
    commerce
        .bus
        .request(
            UsersContract.REGISTER,
            new RegisterUser(
                "ce-" + UUID.randomUUID() + "@example.com", "cloud-events-2026", "Cloud Events"))
        .await();
    commerce.product("CE-MUG", 1290, 2);
    commerce
        .bus
        .request(
            InventoryContract.RESTOCK, new Restock("CE-MUG", 3, "delivery-" + UUID.randomUUID()))
        .await();
    // placed, reserved, authorized, committed, confirmed
    commerce.place(UUID.randomUUID(), List.of(new OrderLine("CE-MUG", 1)), "tok_visa");
    // authorized card declined: reserved, declined, released, cancelled
    commerce.place(UUID.randomUUID(), List.of(new OrderLine("CE-MUG", 1)), "tok_decline");
    // more than the stock: rejected
    commerce.place(UUID.randomUUID(), List.of(new OrderLine("CE-MUG", 100)), "tok_visa");
    // a hold nobody confirms: expires
    commerce
        .bus
        .request(
            InventoryContract.RESERVE,
            new Reserve(UUID.randomUUID(), List.of(new StockLine("CE-MUG", 1))))
        .await();
    // a payment authorized, then refunded
    UUID refunded = UUID.randomUUID();
    commerce
        .bus
        .request(PaymentsContract.AUTHORIZE, new Authorize(refunded, 700, "EUR", "tok_visa"))
        .await();
    commerce.bus.request(PaymentsContract.REFUND, new Refund(refunded, "customer-request")).await();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "1"
                    .equals(
                        TestServices.queryOne(
                            "SELECT count(*) FROM inventory.outbox WHERE address = '"
                                + InventoryContract.RESERVATION_EXPIRED
                                + "'")));
  }

  private record OutboxRow(
      String domain, String id, String aggregateId, String address, JsonObject payload) {}

  /** Waits until every outbox row went to Kafka, then returns them all. */
  private static List<OutboxRow> awaitAllSentToKafka() {
    String unsent =
        DOMAINS.stream()
            .map(
                domain ->
                    "SELECT count(*) AS n FROM " + domain + ".outbox WHERE kafka_sent_at IS NULL")
            .collect(Collectors.joining(" UNION ALL "));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "0"
                    .equals(
                        TestServices.queryOne("SELECT sum(n) FROM (" + unsent + ") AS waiting")));
    List<OutboxRow> rows = new ArrayList<>();
    for (String domain : DOMAINS) {
      String sql =
          "SELECT string_agg(json_build_object('id', id, 'aggregate', aggregate_id, 'address', address, 'payload', payload)::text, E'\\n')"
              + " FROM "
              + domain
              + ".outbox";
      String lines = TestServices.queryOne(sql);
      if (lines != null) {
        lines
            .lines()
            .map(JsonObject::new)
            .forEach(
                row ->
                    rows.add(
                        new OutboxRow(
                            domain,
                            row.getString("id"),
                            row.getString("aggregate"),
                            row.getString("address"),
                            row.getJsonObject("payload"))));
      }
    }
    return rows;
  }

  private static List<String> topics() {
    return DOMAINS.stream().map(domain -> "cartwheel." + domain).toList();
  }

  private static Set<String> ids(List<OutboxRow> rows) {
    return rows.stream().map(OutboxRow::id).collect(Collectors.toSet());
  }

  /** Reads the topics from the start until every wanted id was seen; returns their records by id. */
  private static Map<String, List<ConsumerRecord<String, CloudEvent>>> consume(
      String bootstrap, List<String> topics, Set<String> wanted) {
    Map<String, List<ConsumerRecord<String, CloudEvent>>> received = new HashMap<>();
    try (KafkaConsumer<String, CloudEvent> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "group.id",
                "it-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest",
                "enable.auto.commit",
                "false"),
            new StringDeserializer(),
            new CloudEventDeserializer())) {
      consumer.subscribe(topics);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!received.keySet().containsAll(wanted) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
          if (wanted.contains(record.value().getId())) {
            received.computeIfAbsent(record.value().getId(), id -> new ArrayList<>()).add(record);
          }
        }
      }
      // a short extra read, so that a duplicate sent right after the last wanted record is seen too
      consumer
          .poll(Duration.ofSeconds(1))
          .forEach(
              record -> {
                if (wanted.contains(record.value().getId())) {
                  received
                      .computeIfAbsent(record.value().getId(), id -> new ArrayList<>())
                      .add(record);
                }
              });
    }
    return received;
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  /** A port whose neighbour is free too: the restarted broker must come back on the same two ports. */
  static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket first = new ServerSocket(0)) {
        int port = first.getLocalPort();
        try (ServerSocket second = new ServerSocket(port + 1)) {
          return port;
        } catch (IOException busy) {
          // try another
        }
      }
    }
    throw new IOException("no two adjacent free ports");
  }
}
