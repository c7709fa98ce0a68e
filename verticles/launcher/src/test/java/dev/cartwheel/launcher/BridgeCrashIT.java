package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.testkit.TestServices;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of the JVM running the bridge while it works through a backlog of restocks: records it had
 * polled but not committed come back after the restart, or to a second bridge node of the cluster that
 * takes the partition over, and each restock still takes effect exactly once (the offsets give at least
 * once, the source + id dedupe and inventory's restock ids make it once).
 */
@Timeout(300)
class BridgeCrashIT {

  private static final int RESTOCKS = 1500;

  /** More for the takeover: batches drain fast, and the test must find the holder before they are done. */
  private static final int TAKEOVER_RESTOCKS = 4000;

  @Test
  @DisplayName(
      "kill -9 in the middle of a backlog of restocks: after a restart every restock took effect exactly once, none dead-lettered")
  void killedMidBacklog() throws Exception {
    Backlog backlog = Backlog.of("crash", RESTOCKS);
    try (ClusterNodes crashing =
        ClusterNodes.start("bridge-crash", false, backlog.settings(), "all")) {
      ClusterNodes.Member node = crashing.members().get(0);
      WebClient http = crashing.client(node);
      Shoppers.createProduct(
          http,
          Shoppers.login(http, ClusterScenario.ADMIN_EMAIL, ClusterScenario.ADMIN_PASSWORD).token(),
          backlog.sku(),
          1);
      backlog.send();
      node.process().kill();
    }
    long handledAtTheKill = backlog.handledAtTheKill();

    try (ClusterNodes restarted =
        ClusterNodes.start("bridge-crash-restart", false, backlog.settings(), "all")) {
      backlog.awaitAppliedOnce();
      System.out.printf(
          "  killed with %d of %d restocks handled; after the restart %.0f came back and were"
              + " skipped as handled%n",
          handledAtTheKill, RESTOCKS, duplicates(restarted.client(restarted.members().get(0))));
    }
  }

  @Test
  @DisplayName(
      "two bridge nodes in a cluster, the one holding the partition killed mid-backlog: the other takes it over, and every restock took effect exactly once")
  void secondBridgeTakesOver() throws Exception {
    Backlog backlog = Backlog.of("takeover", TAKEOVER_RESTOCKS);
    // each node can finish a restock alone: its bridge and an inventory
    try (ClusterNodes cluster =
        ClusterNodes.start(
            "bridge-takeover", true, backlog.settings(), "bridge,inventory", "bridge,inventory")) {
      TestServices.sql(
          "INSERT INTO inventory.products (sku, name, price_minor, currency, stock_on_hand)"
              + " VALUES ('"
              + backlog.sku()
              + "', 'takeover', 100, 'EUR', 1)");
      backlog.send();
      // the restocks share a key, so one partition: the node whose bridge handles them holds it
      ClusterNodes.Member holder =
          cluster.members().stream()
              .filter(member -> handledHere(cluster.client(member)) > 0)
              .findFirst()
              .orElseThrow();
      ClusterNodes.Member other =
          cluster.members().stream().filter(member -> member != holder).findFirst().orElseThrow();
      holder.process().kill();
      long handledAtTheKill = backlog.handledAtTheKill();

      backlog.awaitAppliedOnce();
      assertThat(handledHere(cluster.client(other)))
          .as("the other node's bridge finished the backlog")
          .isPositive();
      System.out.printf(
          "  %s killed with %d of %d restocks handled; %s took over, %.0f came back and were"
              + " skipped as handled%n",
          holder.name(),
          handledAtTheKill,
          TAKEOVER_RESTOCKS,
          other.name(),
          duplicates(cluster.client(other)));
    }
  }

  /**
   * Restocks of one unit of a product with one unit, from a source and to a topic of their own: what the
   * nodes need to read them, and what shows each applied once.
   */
  private record Backlog(String source, String sku, String topic, int restocks) {

    static Backlog of(String name, int restocks) {
      String id = UUID.randomUUID().toString();
      return new Backlog(
          "/warehouses/" + name + "-" + id,
          name.toUpperCase(Locale.ROOT) + "-" + id.substring(0, 8).toUpperCase(Locale.ROOT),
          "it.bridge-" + name + "." + id,
          restocks);
    }

    Map<String, String> settings() {
      return Map.of(
          "CARTWHEEL_BRIDGE_INBOUND_TOPICS", topic,
          "CARTWHEEL_BRIDGE_DEAD_LETTER_TOPIC", topic + ".dlq",
          "CARTWHEEL_BRIDGE_GROUP_ID", "it-bridge-" + topic);
    }

    /** Writes the backlog, and returns once the bridge is in the middle of it. */
    void send() throws Exception {
      sendRestocks(topic, source, sku, restocks);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> handled() >= 100);
    }

    long handled() {
      return count("SELECT count(*) FROM bridge.processed_inbound WHERE source = '" + source + "'");
    }

    long handledAtTheKill() {
      long handled = handled();
      assertThat(handled).as("killed in the middle of the backlog").isLessThan(restocks);
      return handled;
    }

    /** Every restock handled, then each applied once (stock and restock rows) and none dead-lettered. */
    void awaitAppliedOnce() {
      await().atMost(Duration.ofSeconds(120)).until(() -> handled() == restocks);
      assertThat(
              TestServices.queryOne(
                  "SELECT stock_on_hand FROM inventory.products WHERE sku = '" + sku + "'"))
          .as("the first unit, then each of the %d restocks of one unit applied once", restocks)
          .isEqualTo(String.valueOf(1 + restocks));
      assertThat(
              count(
                  "SELECT count(*) FROM inventory.restocks WHERE sku = '"
                      + sku
                      + "' AND restock_id LIKE 'ce-%'"))
          .as("one restock row per inbound event")
          .isEqualTo(restocks);
      assertThat(count("SELECT count(*) FROM bridge.dead_letters WHERE topic = '" + topic + "'"))
          .as("none dead-lettered")
          .isZero();
    }
  }

  /** Binary-mode restocks of one unit, ids 0..restocks-1, keyed by the sku (one partition, in order). */
  private static void sendRestocks(String topic, String source, String sku, int restocks)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", TestServices.kafkaBootstrap(), "acks", "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      byte[] value = ("{\"sku\":\"" + sku + "\",\"quantity\":1}").getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < restocks; i++) {
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(topic, sku.getBytes(StandardCharsets.UTF_8), value);
        record
            .headers()
            .add("ce_specversion", bytes("1.0"))
            .add("ce_id", bytes("delivery-" + i))
            .add("ce_source", bytes(source))
            .add("ce_type", bytes("dev.cartwheel.warehouse.restock.v1"))
            .add("content-type", bytes("application/json"));
        producer.send(record);
      }
      producer.flush();
    }
  }

  /** What the node's bridge recognised as handled before, from its metrics. */
  private static double duplicates(WebClient http) {
    return inboundEvents(http, "duplicate");
  }

  /** What the node's bridge handled, from its metrics. */
  private static double handledHere(WebClient http) {
    return inboundEvents(http, "handled");
  }

  private static double inboundEvents(WebClient http, String outcome) {
    return http.get("/metrics")
        .send()
        .await()
        .bodyAsString()
        .lines()
        .filter(
            line ->
                line.startsWith("cartwheel_inbound_events_total{")
                    && line.contains("outcome=\"" + outcome + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static long count(String sql) {
    return Long.parseLong(TestServices.queryOne(sql));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
