package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.bridge.BridgeVerticle;
import dev.cartwheel.codecs.inventory.GetProduct;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.Product;
import dev.cartwheel.codecs.orders.ListOrders;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderPage;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.inventory.InventoryVerticle;
import dev.cartwheel.notifications.NotificationsVerticle;
import dev.cartwheel.orders.OrdersVerticle;
import dev.cartwheel.runtime.node.Node;
import dev.cartwheel.testkit.TestServices;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CloudEvents written to Kafka by producers that are not ours take effect through the bridge, once
 * each; whatever is not acceptable lands in the dead-letter topic with its reason, and consumption goes on.
 */
@Timeout(120)
class KafkaInboundIT {

  private final String inbound = "it.inbound." + UUID.randomUUID();
  private final String deadLetters = inbound + ".dlq";
  private Commerce commerce;
  private KafkaProducer<byte[], byte[]> producer;

  @BeforeEach
  void start() {
    commerce =
        Commerce.start(
            Map.of(
                "bridge.inboundTopics",
                inbound,
                "bridge.deadLetterTopic",
                deadLetters,
                "bridge.groupId",
                "it-bridge-" + UUID.randomUUID(),
                "bridge.maxAttempts",
                "2",
                "bridge.retryBaseMs",
                "100",
                "bridge.requestTimeoutMs",
                "2000"));
    commerce.deploy(BridgeVerticle.class, Map.of());
    TestServices.sql("TRUNCATE bridge.processed_inbound, bridge.dead_letters");
    producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", TestServices.kafkaBootstrap(), "acks", "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  @AfterEach
  void stop() {
    if (producer != null) {
      producer.close();
    }
    if (commerce != null) {
      commerce.close();
    }
  }

  @Test
  @DisplayName(
      "a plain kafka-clients producer with hand-written ce_ headers restocks a product; sent twice, it restocks once")
  void foreignBinaryRestockTakesEffectOnce() throws Exception {
    commerce.product("IN-MUG", 1290, 5);
    String id = UUID.randomUUID().toString();

    send(rawBinaryRestock(id, "IN-MUG", 7));
    send(rawBinaryRestock(id, "IN-MUG", 7));
    send(rawBinaryRestock(UUID.randomUUID().toString(), "IN-MUG", 1));

    await().untilAsserted(() -> assertThat(stock("IN-MUG")).isEqualTo(5 + 7 + 1));
    await()
        .untilAsserted(
            () ->
                assertThat(TestServices.queryOne("SELECT count(*) FROM bridge.processed_inbound"))
                    .isEqualTo("2"));
    Thread.sleep(500);
    assertThat(stock("IN-MUG")).as("the duplicate changed nothing").isEqualTo(13);
    assertThat(TestServices.queryOne("SELECT count(*) FROM bridge.dead_letters")).isEqualTo("0");
  }

  @Test
  @DisplayName(
      "a structured partner order is placed and confirmed; the same partner order under a new event id is not placed again")
  void structuredPartnerOrder() {
    commerce.product("IN-TEE", 2490, 10);
    UUID customer = UUID.randomUUID();
    String partnerOrder =
        "{\"customerId\":\""
            + customer
            + "\",\"partnerOrderId\":\"ACME-1001\","
            + "\"lines\":[{\"sku\":\"IN-TEE\",\"quantity\":2}],\"paymentToken\":\"tok_visa\"}";

    for (int copy = 0; copy < 2; copy++) {
      CloudEvent event =
          CloudEventBuilder.v1()
              .withId(UUID.randomUUID().toString())
              .withSource(URI.create("/partners/acme"))
              .withType("dev.cartwheel.partner.order.v1")
              .withDataContentType("application/json")
              .withData(partnerOrder.getBytes(StandardCharsets.UTF_8))
              .build();
      ProducerRecord<byte[], byte[]> record =
          KafkaMessageFactory.<byte[]>createWriter(
                  inbound, "ACME-1001".getBytes(StandardCharsets.UTF_8))
              .writeStructured(event, new JsonFormat());
      send(record);
    }

    await()
        .untilAsserted(
            () ->
                assertThat(TestServices.queryOne("SELECT count(*) FROM bridge.processed_inbound"))
                    .isEqualTo("2"));
    OrderPage orders =
        (OrderPage)
            commerce
                .bus
                .request(OrdersContract.LIST, new ListOrders(customer, 0, 10))
                .await()
                .body();
    assertThat(orders.items()).hasSize(1);
    Order order = commerce.awaitFinal(orders.items().get(0), Duration.ofSeconds(10));
    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(stock("IN-TEE")).isEqualTo(8);
  }

  @Test
  @DisplayName(
      "each kind of bad record goes to the dead-letter topic, byte for byte, with its reason and origin; good ones after it still work")
  void badRecordsAreDeadLettered() {
    commerce.product("IN-CAP", 990, 1);
    List<Map.Entry<String, ProducerRecord<byte[], byte[]>>> bad =
        List.of(
            Map.entry(
                "not-a-cloudevent",
                new ProducerRecord<>(
                    inbound, null, "{\"sku\":\"IN-CAP\"}".getBytes(StandardCharsets.UTF_8))),
            Map.entry(
                "unknown-type",
                withType(
                    rawBinaryRestock(UUID.randomUUID().toString(), "IN-CAP", 1),
                    "dev.example.something.v1")),
            Map.entry("invalid-data", rawBinaryRestock(UUID.randomUUID().toString(), "IN-CAP", 0)),
            Map.entry(
                "invalid-data",
                withValue(rawBinaryRestock(UUID.randomUUID().toString(), "IN-CAP", 1), "null")),
            Map.entry("rejected", rawBinaryRestock(UUID.randomUUID().toString(), "IN-NOPE", 1)));
    bad.forEach(entry -> send(entry.getValue()));
    send(rawBinaryRestock(UUID.randomUUID().toString(), "IN-CAP", 4));

    await().untilAsserted(() -> assertThat(stock("IN-CAP")).isEqualTo(5));
    List<ConsumerRecord<byte[], byte[]>> letters = readDeadLetters(bad.size());
    assertThat(letters)
        .extracting(letter -> header(letter, "cartwheel.dlq.reason"))
        .containsExactlyInAnyOrderElementsOf(bad.stream().map(Map.Entry::getKey).toList());
    for (ConsumerRecord<byte[], byte[]> letter : letters) {
      ProducerRecord<byte[], byte[]> original =
          bad.stream()
              .map(Map.Entry::getValue)
              .filter(sent -> Arrays.equals(sent.value(), letter.value()))
              .findFirst()
              .orElseThrow();
      assertThat(header(letter, "cartwheel.dlq.topic")).isEqualTo(inbound);
      assertThat(Long.parseLong(header(letter, "cartwheel.dlq.offset"))).isNotNegative();
      assertThat(header(letter, "cartwheel.dlq.detail")).isNotBlank();
      List<String> originalHeaders = describe(original.headers());
      List<String> letterHeaders = describe(letter.headers());
      assertThat(letterHeaders.subList(0, Math.min(originalHeaders.size(), letterHeaders.size())))
          .as("the original's headers first, every one byte for byte and in order")
          .containsExactlyElementsOf(originalHeaders);
      assertThat(letterHeaders.subList(originalHeaders.size(), letterHeaders.size()))
          .as("then only the dead-letter topic's own")
          .allMatch(added -> added.startsWith("cartwheel.dlq."));
    }
    assertThat(
            header(
                letters.stream()
                    .filter(l -> header(l, "cartwheel.dlq.reason").equals("rejected"))
                    .findFirst()
                    .orElseThrow(),
                "cartwheel.dlq.detail"))
        .startsWith("PRODUCT_NOT_FOUND");
    assertThat(
            letters.stream()
                .filter(l -> header(l, "cartwheel.dlq.reason").equals("invalid-data"))
                .map(l -> header(l, "cartwheel.dlq.detail")))
        .as("invalid data names the place that breaks the type's schema")
        .anySatisfy(
            detail ->
                assertThat(detail)
                    .startsWith(
                        "data does not match the schema of dev.cartwheel.warehouse.restock.v1: ")
                    .contains("/quantity: "));
    assertThat(
            TestServices.queryOne(
                "SELECT string_agg(reason || '=' || n, ',' ORDER BY reason) FROM "
                    + "(SELECT reason, count(*) AS n FROM bridge.dead_letters GROUP BY reason) AS counts"))
        .isEqualTo("invalid-data=2,not-a-cloudevent=1,rejected=1,unknown-type=1");
  }

  @Test
  @DisplayName(
      "a domain that stays away: retried with backoff, then dead-lettered as retries-exhausted; nothing after it is blocked for good")
  void unavailableDomainExhaustsRetries() {
    commerce.product("IN-BAG", 1500, 1);
    commerce.undeploy(InventoryVerticle.class);

    send(rawBinaryRestock(UUID.randomUUID().toString(), "IN-BAG", 2));
    List<ConsumerRecord<byte[], byte[]>> letters = readDeadLetters(1);
    assertThat(header(letters.get(0), "cartwheel.dlq.reason")).isEqualTo("retries-exhausted");

    commerce.deploy(InventoryVerticle.class, Map.of());
    send(rawBinaryRestock(UUID.randomUUID().toString(), "IN-BAG", 3));
    await().untilAsserted(() -> assertThat(stock("IN-BAG")).isEqualTo(4));
  }

  @Test
  @DisplayName(
      "the keys of one partition go side by side, each in its order: a record stuck on a silent domain holds back only its key, a poison record in the middle only itself")
  void keysOfOnePartitionGoSideBySideEachInOrder() throws Exception {
    List<String> skus = List.of("IN-KEY-A", "IN-KEY-B", "IN-KEY-C");
    skus.forEach(sku -> commerce.product(sku, 500, 0));
    commerce.undeploy(OrdersVerticle.class);
    List<Message<Object>> held = new CopyOnWriteArrayList<>();
    MessageConsumer<Object> silentOrders =
        commerce.vertx.eventBus().consumer(OrdersContract.PLACE, held::add);
    silentOrders.completion().await();
    // the bridge comes back once every record is written, so that its first poll takes them all in
    // one batch;
    // with a long request timeout, the held attempt ends only when this test lets it
    commerce.undeploy(BridgeVerticle.class);

    // all in partition 0: a partner order first, then five restocks of each sku, interleaved, with
    // a poison record among them
    String stuck = UUID.randomUUID().toString();
    send(inPartitionZero(partnerOrder(stuck, "ACME-2002")));
    Map<String, List<String>> sentBySku = new HashMap<>();
    for (int round = 0; round < 5; round++) {
      if (round == 2) {
        send(
            inPartitionZero(
                withValue(rawBinaryRestock(UUID.randomUUID().toString(), "IN-KEY-B", 1), "null")));
      }
      for (String sku : skus) {
        String id = UUID.randomUUID().toString();
        sentBySku.computeIfAbsent(sku, key -> new ArrayList<>()).add(id);
        send(inPartitionZero(rawBinaryRestock(id, sku, 1)));
      }
    }
    commerce.deploy(BridgeVerticle.class, Map.of("bridge.requestTimeoutMs", "60000"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> skus.forEach(sku -> assertThat(stock(sku)).as(sku).isEqualTo(5)));
    assertThat(held).as("the partner order waits at the silent orders domain").hasSize(1);
    assertThat(
            TestServices.queryOne(
                "SELECT count(*) FROM bridge.processed_inbound WHERE id = '" + stuck + "'"))
        .as("not finished yet")
        .isEqualTo("0");
    assertThat(
            TestServices.queryOne(
                "SELECT count(*) FROM bridge.dead_letters WHERE reason = 'invalid-data'"))
        .isEqualTo("1");
    for (String sku : skus) {
      assertThat(
              TestServices.queryColumn(
                  "SELECT id FROM bridge.processed_inbound WHERE id IN ('"
                      + String.join("','", sentBySku.get(sku))
                      + "') ORDER BY handled_seq"))
          .as("%s handled in the order it was sent", sku)
          .containsExactlyElementsOf(sentBySku.get(sku));
    }

    // the orders domain comes back; the held attempt fails (worth another try), and the retry
    // places the order
    silentOrders.unregister().await();
    commerce.deploy(OrdersVerticle.class, Map.of());
    held.get(0).fail(503, "the stand-in gives the attempt up");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        TestServices.queryOne(
                            "SELECT count(*) FROM bridge.processed_inbound WHERE id = '"
                                + stuck
                                + "'"))
                    .isEqualTo("1"));
  }

  @Test
  @DisplayName(
      "restocks read together go to inventory as batches: each applied once and in its order, an unknown product among them dead-lettered alone, a duplicate skipped")
  void restocksGoInBatches() {
    List<String> skus = List.of("IN-BATCH-A", "IN-BATCH-B");
    skus.forEach(sku -> commerce.product(sku, 500, 0));
    // the bridge comes back once every record is written, so that its first poll takes them
    // together
    commerce.undeploy(BridgeVerticle.class);
    Map<String, Long> before = Node.of(commerce.vertx).handledRequests();
    String twice = UUID.randomUUID().toString();
    Map<String, List<String>> quantitiesBySku = new HashMap<>();
    for (int quantity = 1; quantity <= 30; quantity++) {
      String sku = skus.get(quantity % 2);
      quantitiesBySku.computeIfAbsent(sku, key -> new ArrayList<>()).add(String.valueOf(quantity));
      send(
          inPartitionZero(
              rawBinaryRestock(
                  quantity == 7 ? twice : UUID.randomUUID().toString(), sku, quantity)));
      if (quantity == 15) {
        send(inPartitionZero(rawBinaryRestock(UUID.randomUUID().toString(), "IN-BATCH-NOPE", 1)));
      }
    }
    send(inPartitionZero(rawBinaryRestock(twice, skus.get(1), 7)));
    commerce.deploy(BridgeVerticle.class, Map.of());

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(TestServices.queryOne("SELECT count(*) FROM bridge.processed_inbound"))
                    .isEqualTo("30"));
    for (String sku : skus) {
      assertThat(stock(sku))
          .as(sku)
          .isEqualTo(quantitiesBySku.get(sku).stream().mapToInt(Integer::parseInt).sum());
      assertThat(
              TestServices.queryColumn(
                  "SELECT payload->>'quantity' FROM inventory.outbox WHERE address = '"
                      + InventoryContract.STOCK_RESTOCKED
                      + "' AND payload->>'sku' = '"
                      + sku
                      + "' ORDER BY seq"))
          .as("%s's restocks applied once each, in the order sent", sku)
          .containsExactlyElementsOf(quantitiesBySku.get(sku));
    }
    await()
        .untilAsserted(
            () ->
                assertThat(
                        TestServices.queryColumn(
                            "SELECT reason || ' ' || detail FROM bridge.dead_letters"))
                    .singleElement()
                    .asString()
                    .startsWith("rejected PRODUCT_NOT_FOUND")
                    .contains("IN-BATCH-NOPE"));
    Map<String, Long> after = Node.of(commerce.vertx).handledRequests();
    long batches =
        after.getOrDefault(InventoryContract.RESTOCK_ALL, 0L)
            - before.getOrDefault(InventoryContract.RESTOCK_ALL, 0L);
    assertThat(batches).as("inventory requests for 32 restocks").isBetween(1L, 3L);
    assertThat(after.get(InventoryContract.RESTOCK))
        .as("none alone")
        .isEqualTo(before.get(InventoryContract.RESTOCK));
  }

  private ProducerRecord<byte[], byte[]> partnerOrder(String id, String partnerOrderId) {
    String order =
        "{\"customerId\":\""
            + UUID.randomUUID()
            + "\",\"partnerOrderId\":\""
            + partnerOrderId
            + "\","
            + "\"lines\":[{\"sku\":\"IN-KEY-A\",\"quantity\":1}],\"paymentToken\":\"tok_visa\"}";
    CloudEvent event =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(URI.create("/partners/acme"))
            .withType("dev.cartwheel.partner.order.v1")
            .withDataContentType("application/json")
            .withData(order.getBytes(StandardCharsets.UTF_8))
            .build();
    return KafkaMessageFactory.<byte[]>createWriter(
            inbound, partnerOrderId.getBytes(StandardCharsets.UTF_8))
        .writeStructured(event, new JsonFormat());
  }

  private static ProducerRecord<byte[], byte[]> inPartitionZero(
      ProducerRecord<byte[], byte[]> record) {
    return new ProducerRecord<>(record.topic(), 0, record.key(), record.value(), record.headers());
  }

  @Test
  @DisplayName(
      "a record written to an idle topic is handled at once: the bridge's fetch waits at the broker, and the record ends the wait")
  void idleFetchWaitCostsNoLatency() throws Exception {
    commerce.product("IN-IDLE", 100, 0);
    send(rawBinaryRestock(UUID.randomUUID().toString(), "IN-IDLE", 1));
    await().untilAsserted(() -> assertThat(stock("IN-IDLE")).isEqualTo(1));
    long slowest = 0;
    for (int i = 2; i <= 4; i++) {
      // a quiet spell, not a wait for a result: the bridge's next fetch is then waiting at the
      // broker (up to 5 s), which is what the restock below must cut short
      Thread.sleep(1500);
      long sent = System.nanoTime();
      send(rawBinaryRestock(UUID.randomUUID().toString(), "IN-IDLE", 1));
      int expected = i;
      await()
          .pollInterval(Duration.ofMillis(20))
          .untilAsserted(() -> assertThat(stock("IN-IDLE")).isEqualTo(expected));
      slowest = Math.max(slowest, Duration.ofNanos(System.nanoTime() - sent).toMillis());
    }
    assertThat(slowest)
        .as(
            "the slowest of three restocks after 1.5 s idle, in ms: a fetch that waited its 5 s out would take 3.5 s")
        .isLessThan(2500);
  }

  @Test
  @DisplayName(
      "a partner's notification request reaches the user's feed once, however often it is sent; an unknown user and bad data are dead-lettered")
  void notificationRequestsNotifyOnce() {
    commerce.deploy(NotificationsVerticle.class, Map.of());
    UUID user = UUID.randomUUID();
    // notifications learns its users from their registration; this test has no users domain
    TestServices.sql(
        "INSERT INTO notifications.recipients (user_id, email, full_name) VALUES ('"
            + user
            + "', 'partner-it@example.com', 'Partner IT')");
    String data =
        "{\"userId\":\""
            + user
            + "\",\"title\":\"Your parcel left\",\"body\":\"ACME shipped A-1.\"}";
    ProducerRecord<byte[], byte[]> request = notificationRequest("note-1", user.toString(), data);
    send(request);
    send(request);
    UUID stranger = UUID.randomUUID();
    send(
        notificationRequest(
            "note-2", stranger.toString(), data.replace(user.toString(), stranger.toString())));
    send(
        notificationRequest(
            "note-3", user.toString(), "{\"userId\":\"" + user + "\",\"title\":\"\"}"));
    send(notificationRequest("note-4", user.toString(), data.replace("A-1", "A-2")));

    await()
        .untilAsserted(
            () ->
                assertThat(
                        TestServices.queryColumn(
                            "SELECT kind || ' ' || body FROM notifications.notifications WHERE user_id = '"
                                + user
                                + "' ORDER BY seq"))
                    .containsExactly(
                        "partner-message ACME shipped A-1.", "partner-message ACME shipped A-2."));
    List<ConsumerRecord<byte[], byte[]>> letters = readDeadLetters(2);
    assertThat(letters)
        .extracting(
            letter ->
                header(letter, "ce_id")
                    + " "
                    + header(letter, "cartwheel.dlq.reason")
                    + " "
                    + header(letter, "cartwheel.dlq.detail").split(":")[0])
        .containsExactlyInAnyOrder(
            "note-2 rejected RECIPIENT_NOT_FOUND",
            "note-3 invalid-data data does not match the schema of dev.cartwheel.notification.request.v1");
  }

  private ProducerRecord<byte[], byte[]> notificationRequest(String id, String key, String data) {
    return binary(id, "/partners/acme", "dev.cartwheel.notification.request.v1", key, data);
  }

  /** What a producer without any CloudEvents library writes: binary mode, attributes in ce_ headers. */
  private ProducerRecord<byte[], byte[]> rawBinaryRestock(String id, String sku, int quantity) {
    return binary(
        id,
        "/warehouses/berlin",
        "dev.cartwheel.warehouse.restock.v1",
        sku,
        "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}");
  }

  /** A binary-mode CloudEvent with hand-written ce_ headers, as a producer without the SDK writes it. */
  private ProducerRecord<byte[], byte[]> binary(
      String id, String source, String type, String key, String data) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(inbound, bytes(key), bytes(data));
    record
        .headers()
        .add("ce_specversion", bytes("1.0"))
        .add("ce_id", bytes(id))
        .add("ce_source", bytes(source))
        .add("ce_type", bytes(type))
        .add("content-type", bytes("application/json"));
    return record;
  }

  private static ProducerRecord<byte[], byte[]> withValue(
      ProducerRecord<byte[], byte[]> record, String value) {
    ProducerRecord<byte[], byte[]> changed =
        new ProducerRecord<>(record.topic(), record.key(), bytes(value));
    record.headers().forEach(header -> changed.headers().add(header));
    return changed;
  }

  private static ProducerRecord<byte[], byte[]> withType(
      ProducerRecord<byte[], byte[]> record, String type) {
    record.headers().remove("ce_type").add(new RecordHeader("ce_type", bytes(type)));
    return record;
  }

  private void send(ProducerRecord<byte[], byte[]> record) {
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private int stock(String sku) {
    return ((Product)
            commerce.bus.request(InventoryContract.GET_PRODUCT, new GetProduct(sku)).await().body())
        .stockOnHand();
  }

  private List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int expected) {
    List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                TestServices.kafkaBootstrap(),
                "group.id",
                "it-dlq-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(deadLetters));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(letters::add);
                return letters.size() >= expected;
              });
    }
    return letters;
  }

  /** Each header as key=base64(value), in order: what byte-for-byte comparison needs. */
  static List<String> describe(Headers headers) {
    List<String> described = new ArrayList<>();
    headers.forEach(
        header ->
            described.add(
                header.key()
                    + "="
                    + (header.value() == null
                        ? "null"
                        : Base64.getEncoder().encodeToString(header.value()))));
    return described;
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
