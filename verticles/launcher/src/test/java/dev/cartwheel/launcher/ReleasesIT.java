package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.gateway.domains.DomainClient;
import dev.cartwheel.gateway.domains.ReleaseRoutes;
import dev.cartwheel.launcher.ClusterNodes.Member;
import dev.cartwheel.launcher.Shoppers.Shopper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two releases of the orders domain side by side on real JVMs, as an operator runs a release: node a runs
 * everything as release "a", node b runs orders only as release "b" (the same jar, another label). The
 * gateway routes by the live release routes an admin sets: a sticky 20 % canary, blue-green, and a canary
 * made faulty (releases.testFaultyRelease) that the gateway rolls back on its own.
 */
@Timeout(600)
class ReleasesIT {

  private static final int SHOPPERS = 40;
  private static final int ORDERS_EACH = 3;
  private static final String SKU = "CW-RELEASE-01";

  private WebClient http;
  private String admin;

  /** Every order a gateway accepted (201 or 202), with its shopper's token. */
  private final Map<String, String> accepted = new HashMap<>();

  @Test
  @DisplayName(
      "a 20 % sticky canary gets its users' orders, blue-green switches all, a faulty canary is rolled back on its own, and every accepted order ends final")
  void canaryBlueGreenAndAutomaticRollback() throws Exception {
    try (ClusterNodes cluster =
        ClusterNodes.start(
            "releases",
            true,
            Map.of(
                "CARTWHEEL_RELEASE", "a",
                "CARTWHEEL_LOGIN_THROTTLE_ENABLED", "false",
                "CARTWHEEL_RELEASES_ROLLBACK_MIN_REQUESTS", "10",
                "CARTWHEEL_RELEASES_ROLLBACK_MARGIN_PERCENT", "20"),
            "all")) {
      Member canaryNode = cluster.add("orders", Map.of("CARTWHEEL_RELEASE", "b"));
      http = cluster.client(cluster.gatewayNode());
      admin =
          Shoppers.login(http, ClusterScenario.ADMIN_EMAIL, ClusterScenario.ADMIN_PASSWORD).token();
      Shoppers.createProduct(http, admin, SKU, 100_000);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> releasesOf("orders").containsAll(Set.of("a", "b")));
      assertThat(cluster.info(canaryNode).getString("release")).isEqualTo("b");
      List<Shopper> shoppers = new ArrayList<>();
      for (int i = 0; i < SHOPPERS; i++) {
        shoppers.add(Shoppers.register(http, "release-" + i));
      }

      try {
        canaryOfTwentyPercent(cluster, canaryNode, shoppers);
        blueGreen(shoppers);
        faultyCanaryRolledBack(cluster, shoppers);
        everyAcceptedOrderEndsFinal();
      } finally {
        RunningPlatform.forgetLiveSettings();
      }
    }
  }

  private void canaryOfTwentyPercent(
      ClusterNodes cluster, Member canaryNode, List<Shopper> shoppers) {
    change(
        new JsonObject()
            .put("releases.routes.orders.stable", "a")
            .put("releases.routes.orders.canary", "b")
            .put("releases.routes.orders.canaryWeight", 20));
    await()
        .until(
            () ->
                routes()
                    .getJsonObject("orders")
                    .getJsonObject("weights")
                    .equals(new JsonObject().put("a", 80).put("b", 20)));

    Map<String, Set<String>> releasesByShopper = new HashMap<>();
    int onCanary = 0;
    for (int round = 0; round < ORDERS_EACH; round++) {
      for (Shopper shopper : shoppers) {
        HttpResponse<Buffer> response = placeOrder(shopper);
        assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(201, 202);
        String release = response.getHeader(DomainClient.RELEASE_HEADER);
        releasesByShopper.computeIfAbsent(shopper.userId(), id -> new HashSet<>()).add(release);
        onCanary += "b".equals(release) ? 1 : 0;
      }
    }
    long canaryShoppers = 0;
    for (Shopper shopper : shoppers) {
      String expected = ReleaseRoutes.bucket(UUID.fromString(shopper.userId())) < 20 ? "b" : "a";
      assertThat(releasesByShopper.get(shopper.userId()))
          .as("the releases shopper %s's orders reached", shopper.userId())
          .containsExactly(expected);
      canaryShoppers += expected.equals("b") ? 1 : 0;
    }
    assertThat(canaryShoppers).as("shoppers on the canary").isBetween(1L, SHOPPERS / 2L);
    assertThat(onCanary).isEqualTo(canaryShoppers * ORDERS_EACH);
    assertThat(
            cluster.info(canaryNode).getJsonObject("handledRequests").getLong("orders.cmd.place@b"))
        .as("orders placed on release b's node")
        .isEqualTo(onCanary);
  }

  private void blueGreen(List<Shopper> shoppers) {
    change(new JsonObject().put("releases.routes.orders.canaryWeight", 100));
    await().until(() -> routes().getJsonObject("orders").getInteger("canaryWeight") == 100);
    for (Shopper shopper : shoppers.subList(0, 10)) {
      HttpResponse<Buffer> response = placeOrder(shopper);
      assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(201, 202);
      assertThat(response.getHeader(DomainClient.RELEASE_HEADER)).isEqualTo("b");
    }
    change(new JsonObject().put("releases.routes.orders.canaryWeight", 0));
    await().until(() -> routes().getJsonObject("orders").getInteger("canaryWeight") == 0);
    for (Shopper shopper : shoppers.subList(0, 10)) {
      assertThat(placeOrder(shopper).getHeader(DomainClient.RELEASE_HEADER)).isEqualTo("a");
    }
  }

  private void faultyCanaryRolledBack(ClusterNodes cluster, List<Shopper> shoppers) {
    change(
        new JsonObject()
            .put("releases.testFaultyRelease", "b")
            .put("releases.routes.orders.canaryWeight", 50));
    await().until(() -> routes().getJsonObject("orders").getInteger("canaryWeight") == 50);

    int refused = 0;
    int attempts = 0;
    while (liveWeight() == 50) {
      for (Shopper shopper : shoppers) {
        HttpResponse<Buffer> response = placeOrder(shopper);
        if (response.statusCode() == 500) {
          assertThat(response.getHeader(DomainClient.RELEASE_HEADER)).isEqualTo("b");
          refused++;
        } else {
          assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(201, 202);
        }
      }
      attempts++;
      assertThat(attempts).as("rounds of orders before the rollback").isLessThan(10);
    }
    assertThat(refused)
        .as("no rollback before releases.rollback.minRequests")
        .isGreaterThanOrEqualTo(10);

    JsonObject weight = settings().getJsonObject("releases.routes.orders.canaryWeight");
    assertThat(weight.getInteger("value")).isZero();
    assertThat(weight.getString("changedBy")).isEqualTo("automatic rollback");
    String metrics = http.get("/metrics").send().await().bodyAsString();
    assertThat(metrics)
        .containsPattern(
            "cartwheel_releases_rollbacks_total\\{[^}]*domain=\"orders\"[^}]*\\} 1\\.0");
    for (Shopper shopper : shoppers) {
      HttpResponse<Buffer> response = placeOrder(shopper);
      assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(201, 202);
      assertThat(response.getHeader(DomainClient.RELEASE_HEADER)).isEqualTo("a");
    }
    change(new JsonObject().put("releases.testFaultyRelease", ""));
  }

  private void everyAcceptedOrderEndsFinal() {
    accepted.forEach(
        (order, token) ->
            await()
                .atMost(Duration.ofSeconds(30))
                .until(
                    () ->
                        Set.of("CONFIRMED", "CANCELLED")
                            .contains(
                                http.get("/api/v1/orders/" + order)
                                    .bearerTokenAuthentication(token)
                                    .send()
                                    .await()
                                    .bodyAsJsonObject()
                                    .getString("status"))));
  }

  private HttpResponse<Buffer> placeOrder(Shopper shopper) {
    HttpResponse<Buffer> response = Shoppers.order(http, shopper.token(), SKU, 1, "tok_visa");
    if (response.statusCode() == 201 || response.statusCode() == 202) {
      accepted.put(response.bodyAsJsonObject().getString("id"), shopper.token());
    }
    return response;
  }

  private void change(JsonObject changes) {
    HttpResponse<Buffer> response =
        http.patch("/api/v1/admin/config")
            .bearerTokenAuthentication(admin)
            .sendJsonObject(changes)
            .await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  private JsonObject services() {
    HttpResponse<Buffer> response =
        http.get("/api/v1/services").bearerTokenAuthentication(admin).send().await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private Set<String> releasesOf(String domain) {
    Set<String> releases = new HashSet<>();
    services().getJsonArray("services").stream()
        .map(JsonObject.class::cast)
        .filter(service -> service.getString("name").equals(domain))
        .forEach(service -> releases.add(service.getString("release")));
    return releases;
  }

  private JsonObject routes() {
    return services().getJsonObject("releaseRoutes");
  }

  private JsonObject settings() {
    HttpResponse<Buffer> response =
        http.get("/api/v1/admin/config").bearerTokenAuthentication(admin).send().await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonObject("settings");
  }

  private int liveWeight() {
    return settings().getJsonObject("releases.routes.orders.canaryWeight").getInteger("value");
  }
}
