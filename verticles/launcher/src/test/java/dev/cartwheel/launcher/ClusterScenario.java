package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.launcher.ClusterNodes.Member;
import dev.cartwheel.launcher.Shoppers.Shopper;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What every cluster layout must do, unchanged: every domain in the service registry, a shopper who
 * registers and orders through the gateway, sees each order CONFIRMED on the live stream, and finds its
 * events on Kafka once each.
 */
final class ClusterScenario {

  static final List<String> DOMAINS = VerticleCatalog.domains();
  static final String ADMIN_EMAIL = "admin@cartwheel.dev";
  static final String ADMIN_PASSWORD = "cartwheel-dev-admin";
  private static final int ORDERS = 5;

  private ClusterScenario() {}

  static void run(ClusterNodes cluster) {
    Member gateway = cluster.gatewayNode();
    WebClient http = cluster.client(gateway);
    String admin = Shoppers.login(http, ADMIN_EMAIL, ADMIN_PASSWORD).token();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(runningServices(http, admin)).containsAll(DOMAINS));

    String sku = "CL-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    Shoppers.createProduct(http, admin, sku, 100);
    Shopper ada = Shoppers.register(http, "ada");
    List<String> orders = new ArrayList<>();
    try (LiveStream stream = LiveStream.open(cluster.vertx(), gateway.gateway(), ada.token(), "")) {
      for (int i = 0; i < ORDERS; i++) {
        orders.add(Shoppers.placeOrder(http, ada.token(), sku, 1));
      }
      for (String order : orders) {
        stream.awaitMessage(
            message ->
                "order.status".equals(message.getString("type"))
                    && order.equals(message.getJsonObject("notification").getString("orderId"))
                    && "CONFIRMED"
                        .equals(message.getJsonObject("notification").getString("orderStatus")));
      }
    }

    OrderEventsOnKafka events = OrderEventsOnKafka.read(orders, Duration.ofSeconds(60));
    for (String order : orders) {
      assertThat(events.count(order, OrderEventsOnKafka.PLACED))
          .as("order-placed of %s on Kafka", order)
          .isEqualTo(1);
      assertThat(events.count(order, OrderEventsOnKafka.CONFIRMED))
          .as("order-confirmed of %s on Kafka", order)
          .isEqualTo(1);
    }
  }

  /** Names of the services with a live instance, from GET /api/v1/services. */
  static Set<String> runningServices(WebClient http, String adminToken) {
    JsonObject body =
        http.get("/api/v1/services")
            .bearerTokenAuthentication(adminToken)
            .send()
            .await()
            .bodyAsJsonObject();
    return body.getJsonArray("services").stream()
        .map(JsonObject.class::cast)
        .filter(service -> "UP".equals(service.getString("status")))
        .map(service -> service.getString("name"))
        .collect(Collectors.toSet());
  }
}
