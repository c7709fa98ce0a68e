package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.orders.CancelReasons;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.launcher.Shoppers.Shopper;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of the JVM that drives orders, with a saga caught at each step: its step's effect done at inventory or
 * payments, and not yet saved by orders ({@code orders.faults.holdAfter}). One kill catches all four steps at once, so
 * the test costs two node starts. The node started after it resumes every saga from its last saved step, and each order
 * ends final with its stock and payment consistent, charged at most once.
 */
@Timeout(300)
class SagaCrashIT {

  /** Each held saga: the payment token that steers it there, and its end after the restart. */
  private record Held(String step, String paymentToken, OrderStatus end) {}

  private static final Held[] HELD = {
    new Held("RESERVE", "tok_visa", OrderStatus.CONFIRMED),
    new Held("AUTHORIZE", "tok_visa", OrderStatus.CONFIRMED),
    new Held("COMMIT", "tok_visa", OrderStatus.CONFIRMED),
    new Held("COMPENSATE", "tok_decline", OrderStatus.CANCELLED)
  };

  /** What each held step had done when the node died: the effect is there, the saga's record of it is not. */
  private static final Map<String, String> EFFECT_DONE =
      Map.of(
          "RESERVE", "reservation HELD",
          "AUTHORIZE", "payment AUTHORIZED",
          "COMMIT", "reservation COMMITTED",
          "COMPENSATE", "reservation RELEASED");

  @Test
  @DisplayName(
      "kill -9 with a saga held after each step's effect (RESERVE, AUTHORIZE, COMMIT, COMPENSATE): a new node finishes every order, consistent")
  void killedMidSagaAtEveryStep() throws Exception {
    String sku = "CRASH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    Map<String, String> orderOf = new LinkedHashMap<>();
    String shopperToken;
    try (ClusterNodes crashing =
        ClusterNodes.start(
            "saga-crash",
            false,
            Map.of(
                "CARTWHEEL_ORDERS_FAULTS_HOLD_AFTER", "RESERVE,AUTHORIZE,COMMIT,COMPENSATE",
                // the dead node's leases run out at once, and it never resumes its own held sagas
                // itself
                "CARTWHEEL_ORDERS_LEASE_SECONDS", "1",
                "CARTWHEEL_ORDERS_RECOVERY_INTERVAL_MS", "600000",
                "CARTWHEEL_ORDERS_PLACE_WAIT_MS", "100"),
            "all")) {
      ClusterNodes.Member node = crashing.members().get(0);
      WebClient http = crashing.client(node);
      Shoppers.createProduct(
          http,
          Shoppers.login(http, ClusterScenario.ADMIN_EMAIL, ClusterScenario.ADMIN_PASSWORD).token(),
          sku,
          10);
      Shopper ada = Shoppers.register(http, "ada");
      shopperToken = ada.token();
      // one at a time: each order passes the steps already used and is held at the next one
      for (Held held : HELD) {
        String id = Shoppers.placeOrder(http, ada.token(), sku, 1, held.paymentToken());
        node.process()
            .awaitLine(
                Pattern.compile(
                    "Order " + id + ": held after its " + held.step() + " step answered"),
                Duration.ofSeconds(30));
        orderOf.put(held.step(), id);
      }

      node.process().kill();
    }

    for (Held held : HELD) {
      String id = orderOf.get(held.step());
      assertThat(row("SELECT status || ' ' || step FROM orders.orders WHERE id = '" + id + "'"))
          .as("the order held at %s, left half-done by kill -9", held.step())
          .isEqualTo("PENDING " + held.step());
      assertThat(effectAt(held.step(), id))
          .as("the %s step's effect, done before the node died", held.step())
          .isEqualTo(EFFECT_DONE.get(held.step()));
    }

    try (ClusterNodes restarted =
        ClusterNodes.start("saga-crash-restart", false, Map.of(), "all")) {
      WebClient http = restarted.client(restarted.members().get(0));
      for (Held held : HELD) {
        String id = orderOf.get(held.step());
        JsonObject order = awaitFinal(http, shopperToken, id);
        assertThat(order.getString("status"))
            .as("the order held at %s: %s", held.step(), order.encode())
            .isEqualTo(held.end().name());
        if (held.end() == OrderStatus.CANCELLED) {
          assertThat(order.getString("cancelReason")).isEqualTo(CancelReasons.PAYMENT_DECLINED);
        }
        Commerce.assertConsistent(UUID.fromString(id), held.end());
        assertThat(
                row(
                    "SELECT count(*) FROM payments.simulated_provider_ledger WHERE idempotency_key = 'order-"
                        + id
                        + "' AND outcome <> 'VOIDED'"))
            .as("the provider was asked to charge the order held at %s once", held.step())
            .isEqualTo("1");
      }
      assertThat(
              row(
                  "SELECT stock_on_hand || '/' || reserved FROM inventory.products WHERE sku = '"
                      + sku
                      + "'"))
          .as("three confirmed orders of one took three; the cancelled one's stock came back")
          .isEqualTo("7/0");
    }
  }

  private static String effectAt(String step, String orderId) {
    return step.equals("AUTHORIZE")
        ? "payment "
            + row("SELECT status FROM payments.payments WHERE order_id = '" + orderId + "'")
        : "reservation "
            + row("SELECT status FROM inventory.reservations WHERE order_id = '" + orderId + "'");
  }

  private static JsonObject awaitFinal(WebClient http, String token, String orderId) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                http.get("/api/v1/orders/" + orderId)
                    .bearerTokenAuthentication(token)
                    .send()
                    .await()
                    .bodyAsJsonObject(),
            order -> !OrderStatus.PENDING.name().equals(order.getString("status")));
  }

  private static String row(String sql) {
    return TestServices.queryOne(sql);
  }
}
