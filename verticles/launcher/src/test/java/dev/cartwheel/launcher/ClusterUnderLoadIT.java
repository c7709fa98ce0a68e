package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.embedded.KafkaBroker;
import dev.cartwheel.launcher.ClusterNodes.Member;
import dev.cartwheel.testkit.TestServices;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A three-JVM cluster under steady order load (gateway,users | orders,payments |
 * inventory,notifications,bridge): scaled out and in, a node killed, a node frozen and resumed, the Kafka
 * broker restarted. Afterwards every accepted order is final and consistent, its events are on Kafka once
 * each, and the platform served again within a bound. Each test prints what it counted.
 */
@Timeout(600)
class ClusterUnderLoadIT {

  private static final String[] BY_ROLE = {
    "gateway,users", "orders,payments", "inventory,notifications,bridge"
  };
  private static final int SHOPPERS = 4;
  private static final int STOCK = 100_000;

  /** The platform must serve orders again within this after a node dies (the target). */
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

  @Test
  @DisplayName(
      "scale out: a second orders node takes a share of the orders; scale in: SIGTERM stops it without losing an accepted order")
  void scaleOutAndIn() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start("scale", true, Map.of(), BY_ROLE)) {
      Shop shop = Shop.open(cluster);
      Member first = cluster.member("node-b");
      try (OrderLoad load = shop.load()) {
        Thread.sleep(2_000);
        Member second = cluster.add("orders,payments");
        long firstBefore = handledOrders(cluster, first);
        long secondBefore = handledOrders(cluster, second);
        Thread.sleep(5_000);
        long firstShare = handledOrders(cluster, first) - firstBefore;
        long secondShare = handledOrders(cluster, second) - secondBefore;
        System.out.printf(
            "%n[scale] over 5 s with two orders nodes: node-b placed %d orders, node-d %d%n",
            firstShare, secondShare);
        assertThat(secondShare).as("orders placed by the new node").isGreaterThan(0);
        assertThat((double) secondShare / (firstShare + secondShare))
            .as("the new node's share")
            .isBetween(0.25, 0.75);

        long stoppingAt = load.millisSinceStart();
        assertThat(second.process().terminate(Duration.ofSeconds(60)))
            .as("exit code after SIGTERM")
            .isEqualTo(143);
        long stoppedAt = load.millisSinceStart();
        Thread.sleep(2_000);
        load.close();
        report("SIGTERM node-d (orders,payments) after it took its share", load);
        System.out.printf("  node-d stopped %d ms after SIGTERM%n", stoppedAt - stoppingAt);
        assertThat(load.failures()).as("orders refused while a node left gracefully").isZero();
      }
      shop.assertSettled(TestServices.kafkaBootstrap());
    }
  }

  @Test
  @DisplayName(
      "kill -9 the node running orders and payments mid-stream: they move to a survivor (HA), nothing accepted is lost")
  void killedNode() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start("kill", true, Map.of(), BY_ROLE)) {
      Shop shop = Shop.open(cluster);
      String killedId = cluster.info(cluster.member("node-b")).getString("node");
      long killedAt;
      try (OrderLoad load = shop.load()) {
        Thread.sleep(5_000);
        killedAt = load.millisSinceStart();
        cluster.member("node-b").process().kill();
        await().atMost(Duration.ofSeconds(15)).until(() -> servicesOf(shop, killedId).isEmpty());
        System.out.printf(
            "%n[cluster] the dead node's service records were gone %d ms after kill -9%n",
            load.millisSinceStart() - killedAt);
        long recoveredAt = awaitAcceptedAfter(load, killedAt, Duration.ofSeconds(60));
        Thread.sleep(5_000);
        load.close();
        report("kill -9 node-b (orders,payments)", load);
        System.out.printf("  orders accepted again %d ms after kill -9%n", recoveredAt - killedAt);
        assertThat(Duration.ofMillis(recoveredAt - killedAt))
            .as("time until orders were accepted again")
            .isLessThan(RECOVERY_BOUND);
        assertThat(failuresAfter(load, recoveredAt + 2_000)).as("failures once recovered").isZero();
      }
      assertThat(ClusterScenario.runningServices(shop.http(), shop.admin()))
          .as("orders and payments now run on a survivor")
          .contains("orders", "payments");
      shop.assertSettled(TestServices.kafkaBootstrap());
    }
  }

  @Test
  @DisplayName(
      "SIGSTOP the orders node until the cluster drops it, then SIGCONT: it merges back, serves again, and readiness told the truth meanwhile")
  void frozenNode() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start("freeze", true, Map.of(), BY_ROLE)) {
      Shop shop = Shop.open(cluster);
      Member frozen = cluster.member("node-b");
      String frozenId = cluster.info(frozen).getString("node");
      try (OrderLoad load = shop.load()) {
        Thread.sleep(5_000);
        long frozenAt = load.millisSinceStart();
        frozen.process().freeze();
        // a member that stops answering heartbeats is dropped after 10 s (cluster.xml)
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> cluster.info(cluster.member("node-a")).getInteger("clusterMembers") == 2);
        long droppedAt = load.millisSinceStart();
        assertThat(ready(cluster, cluster.member("node-a")))
            .as("node A is still a member: ready")
            .isTrue();
        long recoveredAt = awaitAcceptedAfter(load, droppedAt, Duration.ofSeconds(60));
        frozen.process().thaw();
        long thawedAt = load.millisSinceStart();

        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    cluster.info(frozen).getInteger("clusterMembers") == 3
                        && cluster.info(cluster.member("node-a")).getInteger("clusterMembers")
                            == 3);
        long mergedAt = load.millisSinceStart();
        await().atMost(Duration.ofSeconds(20)).until(() -> ready(cluster, frozen));
        long before = handledOrders(cluster, frozen);
        await().atMost(Duration.ofSeconds(30)).until(() -> handledOrders(cluster, frozen) > before);
        // the node handled the gateway's half-open trial; until its answer closes the breaker, the
        // gateway still refuses the orders that would go to it
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    cluster.info(cluster.member("node-a")).getJsonObject("circuitBreakers").stream()
                        .allMatch(breaker -> "CLOSED".equals(breaker.getValue())));
        long servingAgainAt = load.millisSinceStart();
        Thread.sleep(3_000);
        load.close();
        report("SIGSTOP node-b (orders,payments), SIGCONT after the drop", load);
        System.out.printf(
            "  dropped %d ms after SIGSTOP; orders accepted again %d ms after the drop (%d ms after SIGSTOP);"
                + " SIGCONT at %d ms; merged back %d ms and taking orders again %d ms after SIGCONT%n",
            droppedAt - frozenAt,
            recoveredAt - droppedAt,
            recoveredAt - frozenAt,
            thawedAt - frozenAt,
            mergedAt - thawedAt,
            servingAgainAt - thawedAt);
        assertThat(failuresAfter(load, servingAgainAt))
            .as("failures once the resumed node serves again")
            .isZero();
      }
      assertThat(servicesOf(shop, frozenId))
          .as("the resumed node's services are in the registry again")
          .contains("orders", "payments");
      shop.assertSettled(TestServices.kafkaBootstrap());
    }
  }

  @Test
  @DisplayName(
      "the Kafka broker restarted under load: orders go on, readiness goes DOWN and comes back, every event reaches Kafka once")
  void brokerRestarted() throws Exception {
    Path dir = Path.of("target", "it-chaos-kafka");
    KafkaOutboundIT.deleteRecursively(dir);
    int port = KafkaOutboundIT.freePortPair();
    KafkaBroker broker = KafkaBroker.start(dir, port, false);
    String bootstrap = broker.bootstrap();
    try (ClusterNodes cluster =
        ClusterNodes.start(
            "kafka",
            true,
            Map.of(
                "CARTWHEEL_KAFKA_BOOTSTRAP",
                bootstrap,
                "CARTWHEEL_KAFKA_OUTBOUND_SEND_TIMEOUT_MS",
                "1000"),
            BY_ROLE)) {
      Shop shop = Shop.open(cluster);
      Member nodeA = cluster.member("node-a");
      try (OrderLoad load = shop.load();
          PrometheusServer prometheus = scraping(cluster)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  assertThat(prometheus.query("up{job=\"cartwheel\"} == 1"))
                      .as("nodes scraped")
                      .hasSize(3);
                  assertThat(prometheus.query("cartwheel_orders_placed_total > 0"))
                      .as("orders placed, scraped from node B")
                      .hasSize(1);
                });
        long stoppedAt = load.millisSinceStart();
        broker.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> !ready(cluster, nodeA));
        int acceptedBefore = load.accepted.size();
        awaitAlert(prometheus, "CartwheelOutboxBacklogOld", "pending");
        awaitAlert(prometheus, "CartwheelOutboxBacklogOld", "firing");
        assertThat(prometheus.query("cartwheel_readiness{check=\"kafka\"} == 0"))
            .as("the kafka readiness check, failing on every node")
            .hasSize(3);
        assertThat(load.accepted.size())
            .as("orders accepted while Kafka is down")
            .isGreaterThan(acceptedBefore);
        broker = KafkaBroker.start(dir, port, false);
        long restartedAt = load.millisSinceStart();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> cluster.members().stream().allMatch(member -> ready(cluster, member)));
        long readyAt = load.millisSinceStart();
        Thread.sleep(3_000);
        load.close();
        report("Kafka broker stopped for " + (restartedAt - stoppedAt) + " ms", load);
        System.out.printf(
            "  every node ready again %d ms after the broker restarted%n", readyAt - restartedAt);
        assertThat(load.failures()).as("orders refused because Kafka was down").isZero();
      }
      shop.assertSettled(bootstrap);
    } finally {
      broker.close();
    }
  }

  /**
   * A real Prometheus scraping the cluster with docker/alerts.yml, the outbox-age rule scaled from minutes to
   * seconds: older than 2 s for 3 s.
   */
  private static PrometheusServer scraping(ClusterNodes cluster) {
    List<String> targets =
        cluster.members().stream()
            .map(member -> member.ops().getHost() + ":" + member.ops().getPort())
            .toList();
    return PrometheusServer.start(
        Path.of("target", "it-prometheus-" + UUID.randomUUID().toString().substring(0, 8)),
        targets,
        rule -> {
          if ("CartwheelOutboxBacklogOld".equals(rule.get("alert"))) {
            String expr = (String) rule.get("expr");
            assertThat(expr).contains("> 60000");
            rule.put("expr", expr.replace("> 60000", "> 2000"));
            rule.put("for", "3s");
          }
          return rule;
        });
  }

  private static void awaitAlert(PrometheusServer prometheus, String alert, String state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> prometheus.alertState(alert).filter(state::equals).isPresent());
  }

  /** An admin, a product with ample stock, and shoppers at node A's gateway. */
  private record Shop(
      ClusterNodes cluster, WebClient http, String admin, String sku, List<String> tokens) {

    static Shop open(ClusterNodes cluster) {
      WebClient http = cluster.client(cluster.gatewayNode());
      String admin =
          Shoppers.login(http, ClusterScenario.ADMIN_EMAIL, ClusterScenario.ADMIN_PASSWORD).token();
      String sku = "CH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
      Shoppers.createProduct(http, admin, sku, STOCK);
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < SHOPPERS; i++) {
        tokens.add(Shoppers.register(http, "shopper" + i).token());
      }
      return new Shop(cluster, http, admin, sku, tokens);
    }

    OrderLoad load() {
      return OrderLoad.start(cluster.gatewayNode().gateway(), sku, tokens);
    }

    /**
     * Every order of this product ends final (no stuck saga), each consistent with its reservation and
     * payment, the stock adds up with nothing held, and each order's events are on Kafka once.
     */
    void assertSettled(String kafkaBootstrap) {
      String ordersOfSku =
          "FROM orders.orders o JOIN orders.order_lines l ON l.order_id = o.id WHERE l.sku = '"
              + sku
              + "'";
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(
              () ->
                  assertThat(
                          TestServices.queryOne(
                              "SELECT count(*) " + ordersOfSku + " AND o.status = 'PENDING'"))
                      .as("orders not final")
                      .isEqualTo("0"));
      List<String> orders =
          TestServices.queryColumn("SELECT o.id || ' ' || o.status " + ordersOfSku);
      for (String row : orders) {
        String[] idAndStatus = row.split(" ");
        Commerce.assertConsistent(
            UUID.fromString(idAndStatus[0]), OrderStatus.valueOf(idAndStatus[1]));
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          TestServices.queryOne(
                              "SELECT reserved FROM inventory.products WHERE sku = '" + sku + "'"))
                      .as("stock still held")
                      .isEqualTo("0"));
      String confirmed =
          TestServices.queryOne(
              "SELECT coalesce(sum(l.quantity), 0) " + ordersOfSku + " AND o.status = 'CONFIRMED'");
      assertThat(
              Long.parseLong(
                  TestServices.queryOne(
                      "SELECT stock_on_hand FROM inventory.products WHERE sku = '" + sku + "'")))
          .as("stock on hand = initial - confirmed")
          .isEqualTo(STOCK - Long.parseLong(confirmed));

      List<String> placed = TestServices.queryColumn("SELECT o.id::text " + ordersOfSku);
      OrderEventsOnKafka events =
          OrderEventsOnKafka.read(kafkaBootstrap, placed, Duration.ofSeconds(90));
      for (String order : placed) {
        assertThat(events.count(order, OrderEventsOnKafka.PLACED))
            .as("order-placed of %s on Kafka", order)
            .isEqualTo(1);
        assertThat(
                events.count(order, OrderEventsOnKafka.CONFIRMED)
                    + events.count(order, OrderEventsOnKafka.CANCELLED))
            .as("final event of %s on Kafka", order)
            .isEqualTo(1);
      }
      System.out.printf(
          "  settled: %d orders final and consistent, their %d events on Kafka once each after dedupe (%d resent copies in the topic)%n",
          orders.size(),
          placed.stream()
              .mapToInt(
                  order ->
                      events.count(order, OrderEventsOnKafka.PLACED)
                          + events.count(order, OrderEventsOnKafka.CONFIRMED)
                          + events.count(order, OrderEventsOnKafka.CANCELLED))
              .sum(),
          events.redelivered);
    }
  }

  /**
   * Waits for the first order sent after {@code sinceMs} and accepted; returns when its answer came. Requests
   * sent before (to a node about to die, whose answers may still be on their way) say nothing of recovery.
   */
  private static long awaitAcceptedAfter(OrderLoad load, long sinceMs, Duration within) {
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                load.answers.stream()
                    .anyMatch(answer -> answer.sentMs() > sinceMs && answer.accepted()));
    return load.answers.stream()
        .filter(answer -> answer.sentMs() > sinceMs && answer.accepted())
        .mapToLong(OrderLoad.Answer::atMs)
        .min()
        .orElseThrow();
  }

  /** Orders sent after {@code sinceMs} and not accepted. */
  private static long failuresAfter(OrderLoad load, long sinceMs) {
    return load.answers.stream()
        .filter(answer -> answer.sentMs() > sinceMs && !answer.accepted())
        .count();
  }

  private static void report(String fault, OrderLoad load) {
    long confirmed =
        Long.parseLong(
            TestServices.queryOne(
                "SELECT count(*) FROM orders.orders WHERE status = 'CONFIRMED' AND id::text IN ("
                    + (load.accepted.isEmpty()
                        ? "''"
                        : String.join(
                            ",", load.accepted.stream().map(id -> "'" + id + "'").toList()))
                    + ")"));
    System.out.printf(
        "%n[cluster] %s: accepted=%d (confirmed so far %d), 503=%d, 504=%d, no answer=%d, other=%d%n",
        fault,
        load.accepted.size(),
        confirmed,
        load.count(503),
        load.count(504),
        load.count(-1),
        load.answers.size()
            - load.accepted.size()
            - load.count(503)
            - load.count(504)
            - load.count(-1));
    load.refusals.forEach((why, count) -> System.out.printf("  %d x %s%n", count.get(), why));
  }

  /**
   * Whether the member says it is ready. The wait outlasts the node's own check timeout (3 s), so a node
   * whose Kafka check times out still answers 503 in time. {@code await()} rethrows a timeout as the
   * checked {@link java.util.concurrent.TimeoutException}, hence the catch of Exception.
   */
  private static boolean ready(ClusterNodes cluster, Member member) {
    try {
      return cluster.client(member).get("/health/ready").timeout(5_000).send().await().statusCode()
          == 200;
    } catch (Exception unreachable) {
      return false;
    }
  }

  private static long handledOrders(ClusterNodes cluster, Member member) {
    return cluster.info(member).getJsonObject("handledRequests").getLong(OrdersContract.PLACE, 0L);
  }

  /** Names of the services the registry lists on one node. */
  private static List<String> servicesOf(Shop shop, String nodeId) {
    return shop
        .http()
        .get("/api/v1/services")
        .bearerTokenAuthentication(shop.admin())
        .send()
        .await()
        .bodyAsJsonObject()
        .getJsonArray("services")
        .stream()
        .map(io.vertx.core.json.JsonObject.class::cast)
        .filter(service -> nodeId.equals(service.getString("node")))
        .map(service -> service.getString("name"))
        .toList();
  }
}
