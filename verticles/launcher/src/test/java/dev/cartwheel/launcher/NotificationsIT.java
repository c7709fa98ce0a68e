package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderConfirmed;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.payments.PaymentRefunded;
import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.embedded.Ports;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The notifications domain through the gateway, with its e-mail channel sending to a real SMTP server. */
@Timeout(120)
class NotificationsIT {

  private static GreenMail smtp;
  private static RunningPlatform node;
  private static String admin;

  @BeforeAll
  static void startNode() {
    smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    node =
        RunningPlatform.start(
            Map.of(
                "inventory.seedDemoCatalogue", "false",
                "payments.simulator.latencyMs", "0",
                "notifications.email.enabled", "true",
                "notifications.email.port", String.valueOf(smtp.getSmtp().getPort()),
                "notifications.email.startTls", "DISABLED"));
    admin = Shoppers.login(node, "admin@cartwheel.dev", "cartwheel-dev-admin").token();
  }

  @AfterAll
  static void stopNode() {
    node.close();
    smtp.stop();
  }

  @BeforeEach
  void freshCatalogue() {
    TestServices.sql(Commerce.RESET + ", notifications.notifications, notifications.outbox");
    Shoppers.createProduct(node, admin, "CW-MUG-01", 100);
  }

  @Test
  @DisplayName("a new shopper is welcomed, in the list and by e-mail")
  void welcome() throws Exception {
    Shoppers.Shopper ada = Shoppers.register(node, "ada");

    JsonObject welcome = awaitNotifications(ada, 1).getJsonObject(0);
    assertThat(welcome.getString("kind")).isEqualTo("welcome");
    assertThat(welcome.getString("title")).isEqualTo("Welcome to Cartwheel, ada");
    assertThat(welcome.containsKey("readAt")).isFalse();

    await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(ada.email()).size() == 1);
    MimeMessage mail = mailTo(ada.email()).get(0);
    assertThat(mail.getSubject()).isEqualTo("Welcome to Cartwheel, ada");
    assertThat(mail.getFrom()[0].toString()).contains("no-reply@cartwheel.invalid");
    assertThat((String) mail.getContent()).contains(ada.email() + " is ready");
  }

  @Test
  @DisplayName(
      "an order's life is told to its owner: received, then confirmed or cancelled with the reason")
  void orderNotifications() {
    Shoppers.Shopper ada = Shoppers.register(node, "ada");
    String confirmed = Shoppers.placeOrder(node, ada.token(), "CW-MUG-01", 1);
    JsonArray items = awaitNotifications(ada, 3);
    assertThat(items.stream().map(JsonObject.class::cast).map(item -> item.getString("kind")))
        .containsExactly("order-confirmed", "order-placed", "welcome");
    JsonObject newest = items.getJsonObject(0);
    assertThat(newest.getString("orderId")).isEqualTo(confirmed);
    assertThat(newest.getString("orderStatus")).isEqualTo("CONFIRMED");

    HttpResponse<Buffer> declined =
        node.http
            .post("/api/v1/orders")
            .bearerTokenAuthentication(ada.token())
            .putHeader("Idempotency-Key", UUID.randomUUID().toString())
            .sendJsonObject(
                new JsonObject()
                    .put("paymentToken", "tok_decline")
                    .put(
                        "lines",
                        new JsonArray()
                            .add(new JsonObject().put("sku", "CW-MUG-01").put("quantity", 1))))
            .await();
    JsonObject cancelled = awaitNotifications(ada, 5).getJsonObject(0);
    assertThat(cancelled.getString("kind")).isEqualTo("order-cancelled");
    assertThat(cancelled.getString("orderId"))
        .isEqualTo(declined.bodyAsJsonObject().getString("id"));
    assertThat(cancelled.getString("cancelReason")).isEqualTo("payment-declined");
    assertThat(cancelled.getString("body")).contains("the payment was declined");
  }

  @Test
  @DisplayName(
      "a redelivered event makes no second notification; a refund reaches the order's owner")
  void idempotentAndRefunds() {
    Shoppers.Shopper ada = Shoppers.register(node, "ada");
    String orderId = Shoppers.placeOrder(node, ada.token(), "CW-MUG-01", 1);
    awaitNotifications(ada, 3);

    // the outbox relays at least once: the same event (same id) published again changes nothing
    UUID confirmedEvent =
        UUID.fromString(
            TestServices.queryOne(
                "SELECT id FROM orders.outbox WHERE address = '"
                    + OrdersContract.ORDER_CONFIRMED
                    + "' AND aggregate_id = '"
                    + orderId
                    + "'"));
    Order order =
        new Order(
            UUID.fromString(orderId),
            UUID.fromString(ada.userId()),
            OrderStatus.CONFIRMED,
            null,
            List.of(),
            1290,
            "EUR",
            Instant.now(),
            Instant.now());
    node.platform
        .vertx()
        .eventBus()
        .publish(
            OrdersContract.ORDER_CONFIRMED,
            new OrderConfirmed(confirmedEvent, Instant.now(), order));
    // a refund names only the order; its owner is known from the order's notifications
    node.platform
        .vertx()
        .eventBus()
        .publish(
            PaymentsContract.PAYMENT_REFUNDED,
            new PaymentRefunded(
                UUID.randomUUID(), Instant.now(), UUID.fromString(orderId), 1290, "EUR", "test"));

    JsonObject refunded = awaitNotifications(ada, 4).getJsonObject(0);
    assertThat(refunded.getString("kind")).isEqualTo("payment-refunded");
    assertThat(refunded.getString("body")).contains("12.90 EUR");
    assertThat(
            TestServices.queryOne(
                "SELECT count(*) FROM notifications.notifications WHERE kind = 'order-confirmed' AND order_id = '"
                    + orderId
                    + "'"))
        .isEqualTo("1");
  }

  @Test
  @DisplayName("a shopper marks their own notifications read; someone else's do not exist for them")
  void markRead() {
    Shoppers.Shopper ada = Shoppers.register(node, "ada");
    Shoppers.Shopper bob = Shoppers.register(node, "bob");
    String id = awaitNotifications(ada, 1).getJsonObject(0).getString("id");

    Problems.assertProblem(
        node.http
            .post("/api/v1/notifications/" + id + "/read")
            .bearerTokenAuthentication(bob.token())
            .send()
            .await(),
        404,
        "NOTIFICATION_NOT_FOUND");
    Problems.assertProblem(
        node.http.post("/api/v1/notifications/" + id + "/read").send().await(),
        401,
        "UNAUTHORIZED");
    Problems.assertProblem(
        node.http
            .get("/api/v1/notifications?size=0")
            .bearerTokenAuthentication(ada.token())
            .send()
            .await(),
        400,
        "VALIDATION_FAILED");
    HttpResponse<Buffer> read =
        node.http
            .post("/api/v1/notifications/" + id + "/read")
            .bearerTokenAuthentication(ada.token())
            .send()
            .await();
    assertThat(read.statusCode()).isEqualTo(200);
    String readAt = read.bodyAsJsonObject().getString("readAt");
    assertThat(readAt).isNotNull();
    HttpResponse<Buffer> again =
        node.http
            .post("/api/v1/notifications/" + id + "/read")
            .bearerTokenAuthentication(ada.token())
            .send()
            .await();
    assertThat(again.bodyAsJsonObject().getString("readAt")).isEqualTo(readAt);

    assertThat(awaitNotifications(bob, 1).getJsonObject(0).containsKey("readAt")).isFalse();
  }

  private static JsonArray awaitNotifications(Shoppers.Shopper shopper, int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> notifications(shopper).size() == count);
    return notifications(shopper);
  }

  private static JsonArray notifications(Shoppers.Shopper shopper) {
    HttpResponse<Buffer> page =
        node.http
            .get("/api/v1/notifications?size=50")
            .bearerTokenAuthentication(shopper.token())
            .send()
            .await();
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsJsonObject().getLong("total"))
        .isEqualTo(page.bodyAsJsonObject().getJsonArray("items").size());
    return page.bodyAsJsonObject().getJsonArray("items");
  }

  private static List<MimeMessage> mailTo(String email) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (message.getAllRecipients()[0].toString().equals(email)) {
        found.add(message);
      }
    }
    return found;
  }
}
