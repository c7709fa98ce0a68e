package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.testkit.TestServices;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The catalogue and orders through the real gateway: what a shop front and an administrator see. */
@Timeout(120)
class CommerceApiIT {

  private static RunningPlatform node;
  private static String admin;
  private static String ada;
  private static String grace;

  @BeforeAll
  static void startNode() {
    node =
        RunningPlatform.start(
            Map.of("inventory.seedDemoCatalogue", "false", "payments.simulator.latencyMs", "0"));
    RunningPlatform.forgetCustomers();
    admin = token("admin@cartwheel.dev", "cartwheel-dev-admin", false);
    ada = token("ada-" + UUID.randomUUID() + "@example.com", "analytical-engine-1843", true);
    grace = token("grace-" + UUID.randomUUID() + "@example.com", "compiler-pioneer-1952", true);
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @BeforeEach
  void freshCatalogue() {
    TestServices.sql(Commerce.RESET);
    createProduct("CW-MUG-01", "Cartwheel mug", 1290, 10);
    createProduct("CW-TEE-M", "T-shirt", 2490, 5);
  }

  @Test
  @DisplayName("the catalogue is public, paged and searchable")
  void browseTheCatalogue() {
    JsonObject page =
        node.http.get("/api/v1/products?size=1&page=1").send().await().bodyAsJsonObject();
    assertThat(page.getJsonArray("items")).hasSize(1);
    assertThat(page.getJsonArray("items").getJsonObject(0).getString("sku")).isEqualTo("CW-TEE-M");
    assertThat(page.getLong("total")).isEqualTo(2);

    JsonObject mugs = node.http.get("/api/v1/products?q=mug").send().await().bodyAsJsonObject();
    assertThat(mugs.getJsonArray("items")).hasSize(1);
    JsonObject mug = node.http.get("/api/v1/products/CW-MUG-01").send().await().bodyAsJsonObject();
    assertThat(mug.getInteger("available")).isEqualTo(10);
    assertThat(mug.getLong("priceMinor")).isEqualTo(1290);

    Problems.assertProblem(
        node.http.get("/api/v1/products/CW-NONE-01").send().await(), 404, "PRODUCT_NOT_FOUND");
    Problems.assertProblem(
        node.http.get("/api/v1/products/not%20a%20sku").send().await(), 400, "VALIDATION_FAILED");
    Problems.assertProblem(
        node.http.get("/api/v1/products?size=1000").send().await(), 400, "VALIDATION_FAILED");
  }

  @Test
  @DisplayName(
      "only an admin adds products and restocks; a restock under one Idempotency-Key counts once")
  void adminOnlyCatalogueChanges() {
    JsonObject product =
        new JsonObject()
            .put("sku", "CW-CAP-01")
            .put("name", "Cap")
            .put("priceMinor", 1990)
            .put("currency", "EUR");
    Problems.assertProblem(
        node.http.post("/api/v1/products").sendJsonObject(product).await(), 401, "UNAUTHORIZED");
    Problems.assertProblem(
        node.http
            .post("/api/v1/products")
            .bearerTokenAuthentication(ada)
            .sendJsonObject(product)
            .await(),
        403,
        "FORBIDDEN");
    Problems.assertProblem(
        node.http
            .post("/api/v1/products/CW-MUG-01/restock")
            .bearerTokenAuthentication(ada)
            .sendJsonObject(new JsonObject().put("quantity", 5))
            .await(),
        403,
        "FORBIDDEN");
    Problems.assertProblem(
        node.http
            .post("/api/v1/products")
            .bearerTokenAuthentication(admin)
            .sendJsonObject(product.copy().put("sku", "CW-MUG-01"))
            .await(),
        409,
        "SKU_TAKEN");

    HttpResponse<Buffer> created =
        node.http
            .post("/api/v1/products")
            .bearerTokenAuthentication(admin)
            .sendJsonObject(product)
            .await();
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.getHeader("Location")).isEqualTo("/api/v1/products/CW-CAP-01");

    for (int i = 0; i < 2; i++) {
      HttpResponse<Buffer> restocked =
          node.http
              .post("/api/v1/products/CW-MUG-01/restock")
              .bearerTokenAuthentication(admin)
              .putHeader("Idempotency-Key", "delivery-42")
              .sendJsonObject(new JsonObject().put("quantity", 5))
              .await();
      assertThat(restocked.bodyAsJsonObject().getInteger("stockOnHand")).isEqualTo(15);
    }
  }

  @Test
  @DisplayName(
      "placing an order: 201 with the final order and its Location; the same key again is the same order, another body under it a 409")
  void placeAnOrder() {
    JsonObject body = order("tok_visa", line("CW-MUG-01", 2), line("CW-TEE-M", 1));

    HttpResponse<Buffer> placed = place(ada, "checkout-1", body);
    HttpResponse<Buffer> replayed = place(ada, "checkout-1", body);
    HttpResponse<Buffer> reused = place(ada, "checkout-1", order("tok_visa", line("CW-MUG-01", 1)));

    assertThat(placed.statusCode()).isEqualTo(201);
    JsonObject order = placed.bodyAsJsonObject();
    assertThat(order.getString("status")).isEqualTo("CONFIRMED");
    assertThat(order.getLong("totalMinor")).isEqualTo(2 * 1290 + 2490);
    assertThat(placed.getHeader("Location")).isEqualTo("/api/v1/orders/" + order.getString("id"));
    assertThat(replayed.bodyAsJsonObject().getString("id")).isEqualTo(order.getString("id"));
    Problems.assertProblem(reused, 409, "IDEMPOTENCY_KEY_REUSED");
    assertThat(
            node.http
                .get("/api/v1/products/CW-MUG-01")
                .send()
                .await()
                .bodyAsJsonObject()
                .getInteger("stockOnHand"))
        .isEqualTo(8);
  }

  @Test
  @DisplayName("a declined card or a stock-out ends the order CANCELLED with its reason")
  void cancelledOrders() {
    JsonObject declined =
        place(ada, "k-declined", order("tok_decline", line("CW-MUG-01", 1))).bodyAsJsonObject();
    JsonObject outOfStock =
        place(ada, "k-stock", order("tok_visa", line("CW-TEE-M", 6))).bodyAsJsonObject();

    assertThat(declined.getString("status")).isEqualTo("CANCELLED");
    assertThat(declined.getString("cancelReason")).isEqualTo("payment-declined");
    assertThat(outOfStock.getString("cancelReason")).isEqualTo("out-of-stock");
  }

  @Test
  @DisplayName("bad orders are 400s with the fields named, and nothing is written")
  void badOrders() {
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 21; i++) {
      tooMany.add(line("CW-MUG-01", 1));
    }
    assertThat(fields(place(ada, "b1", order("tok_visa", line("CW-NOPE-01", 1)))))
        .containsExactly("lines/0/sku");
    assertThat(fields(place(ada, "b2", order("tok_visa", line("CW-MUG-01", 0)))))
        .containsExactly("lines/0/quantity");
    assertThat(fields(place(ada, "b3", order("tok_visa", line("CW-MUG-01", -1)))))
        .containsExactly("lines/0/quantity");
    assertThat(fields(place(ada, "b4", order("tok_visa", line("CW-MUG-01", 100_000_000)))))
        .containsExactly("lines/0/quantity");
    assertThat(
            fields(
                place(
                    ada,
                    "b5",
                    new JsonObject().put("lines", tooMany).put("paymentToken", "tok_visa"))))
        .containsExactly("lines");
    assertThat(fields(place(ada, "b6", order("tok_visa")))).containsExactly("lines");
    assertThat(fields(place(ada, null, order("tok_visa", line("CW-MUG-01", 1)))))
        .containsExactly("Idempotency-Key");
    assertThat(fields(place(ada, "b7", order("not-a-token", line("CW-MUG-01", 1)))))
        .containsExactly("paymentToken");
    Problems.assertProblem(
        node.http
            .post("/api/v1/orders")
            .bearerTokenAuthentication(ada)
            .putHeader("Idempotency-Key", "b8")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{\"lines\": ["))
            .await(),
        400,
        "MALFORMED_JSON");
    Problems.assertProblem(
        place(null, "b9", order("tok_visa", line("CW-MUG-01", 1))), 401, "UNAUTHORIZED");

    assertThat(TestServices.queryOne("SELECT count(*) FROM orders.orders")).isEqualTo("0");
  }

  @Test
  @DisplayName("an order is visible to its owner and to admins; to anyone else it does not exist")
  void ordersAreVisibleToTheirOwners() {
    String id =
        place(ada, "v1", order("tok_visa", line("CW-MUG-01", 1)))
            .bodyAsJsonObject()
            .getString("id");
    place(grace, "v1", order("tok_visa", line("CW-MUG-01", 1)));

    assertThat(get(ada, "/api/v1/orders/" + id).statusCode()).isEqualTo(200);
    assertThat(get(admin, "/api/v1/orders/" + id).statusCode()).isEqualTo(200);
    Problems.assertProblem(get(grace, "/api/v1/orders/" + id), 404, "ORDER_NOT_FOUND");
    Problems.assertProblem(
        node.http
            .post("/api/v1/orders/" + id + "/cancel")
            .bearerTokenAuthentication(grace)
            .send()
            .await(),
        404,
        "ORDER_NOT_FOUND");
    Problems.assertProblem(get(ada, "/api/v1/orders/not-a-uuid"), 400, "VALIDATION_FAILED");

    JsonObject mine = get(ada, "/api/v1/orders?size=10").bodyAsJsonObject();
    assertThat(mine.getJsonArray("items")).hasSize(1);
    assertThat(mine.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(id);

    Problems.assertProblem(
        node.http
            .post("/api/v1/orders/" + id + "/cancel")
            .bearerTokenAuthentication(ada)
            .send()
            .await(),
        409,
        "NOT_CANCELLABLE");
  }

  @Test
  @DisplayName(
      "an order, or a cancellation, that takes longer than the server waits is a 202 with a Location to poll")
  void slowOrdersAre202() {
    try (RunningPlatform slow =
        RunningPlatform.start(
            Map.of(
                "inventory.seedDemoCatalogue",
                "false",
                "payments.simulator.latencyMs",
                "1500",
                "orders.placeWaitMs",
                "200"))) {
      HttpResponse<Buffer> accepted =
          slow.http
              .post("/api/v1/orders")
              .bearerTokenAuthentication(ada)
              .putHeader("Idempotency-Key", "slow-1")
              .sendJsonObject(order("tok_visa", line("CW-MUG-01", 1)))
              .await();

      assertThat(accepted.statusCode()).isEqualTo(202);
      assertThat(accepted.bodyAsJsonObject().getString("status")).isEqualTo("PENDING");
      String location = accepted.getHeader("Location");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  "CONFIRMED"
                      .equals(
                          slow.http
                              .get(location)
                              .bearerTokenAuthentication(ada)
                              .send()
                              .await()
                              .bodyAsJsonObject()
                              .getString("status")));

      String toCancel =
          slow.http
              .post("/api/v1/orders")
              .bearerTokenAuthentication(ada)
              .putHeader("Idempotency-Key", "slow-2")
              .sendJsonObject(order("tok_visa", line("CW-MUG-01", 1)))
              .await()
              .getHeader("Location");
      HttpResponse<Buffer> cancelling =
          slow.http.post(toCancel + "/cancel").bearerTokenAuthentication(ada).send().await();
      assertThat(cancelling.statusCode())
          .as("the provider takes 1.5 s to void, the server waits 0.2 s")
          .isEqualTo(202);
      assertThat(cancelling.bodyAsJsonObject().getString("status")).isEqualTo("PENDING");
      assertThat(cancelling.getHeader("Location")).isEqualTo(toCancel);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  "CANCELLED"
                      .equals(
                          slow.http
                              .get(toCancel)
                              .bearerTokenAuthentication(ada)
                              .send()
                              .await()
                              .bodyAsJsonObject()
                              .getString("status")));
    }
  }

  private static String token(String email, String password, boolean register) {
    JsonObject credentials = new JsonObject().put("email", email).put("password", password);
    HttpResponse<Buffer> response =
        register
            ? node.http
                .post("/api/v1/users")
                .sendJsonObject(credentials.copy().put("fullName", "Test Customer"))
                .await()
            : node.http.post("/api/v1/sessions").sendJsonObject(credentials).await();
    return response.bodyAsJsonObject().getString("token");
  }

  @Test
  @DisplayName(
      "operators see dead letters by reason and replay them once the cause is fixed (admin only)")
  void deadLettersAreCountedAndReplayed() throws Exception {
    TestServices.sql("TRUNCATE bridge.processed_inbound, bridge.dead_letters");
    Problems.assertProblem(get(ada, "/api/v1/admin/dead-letters"), 403, "FORBIDDEN");
    Problems.assertProblem(
        node.http
            .post("/api/v1/admin/dead-letters/replay")
            .bearerTokenAuthentication(ada)
            .sendJsonObject(new JsonObject())
            .await(),
        403,
        "FORBIDDEN");
    Problems.assertProblem(
        node.http
            .post("/api/v1/admin/dead-letters/replay")
            .bearerTokenAuthentication(admin)
            .sendJsonObject(new JsonObject().put("reason", "no-such-reason"))
            .await(),
        400,
        "VALIDATION_FAILED");

    // a warehouse announces stock for a product the catalogue does not have yet
    try (KafkaProducer<String, String> warehouse =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", TestServices.kafkaBootstrap()),
            new StringSerializer(),
            new StringSerializer())) {
      ProducerRecord<String, String> restock =
          new ProducerRecord<>(
              "cartwheel.inbound", "CW-LATE-01", "{\"sku\":\"CW-LATE-01\",\"quantity\":6}");
      restock
          .headers()
          .add("ce_specversion", "1.0".getBytes())
          .add("ce_id", UUID.randomUUID().toString().getBytes())
          .add("ce_source", "/warehouses/lyon".getBytes())
          .add("ce_type", "dev.cartwheel.warehouse.restock.v1".getBytes())
          .add("content-type", "application/json".getBytes());
      warehouse.send(restock).get();
    }
    await()
        .untilAsserted(
            () ->
                assertThat(get(admin, "/api/v1/admin/dead-letters").bodyAsJsonObject())
                    .isEqualTo(
                        new JsonObject()
                            .put("waitingByReason", new JsonObject().put("rejected", 1))
                            .put("waiting", 1)
                            .put("replayed", 0)));

    createProduct("CW-LATE-01", "Late product", 500, 0);
    HttpResponse<Buffer> replay =
        node.http
            .post("/api/v1/admin/dead-letters/replay")
            .bearerTokenAuthentication(admin)
            .sendJsonObject(new JsonObject().put("reason", "rejected"))
            .await();
    assertThat(replay.bodyAsJsonObject()).isEqualTo(new JsonObject().put("replayed", 1));

    await()
        .untilAsserted(
            () ->
                assertThat(
                        node.http
                            .get("/api/v1/products/CW-LATE-01")
                            .send()
                            .await()
                            .bodyAsJsonObject()
                            .getInteger("available"))
                    .isEqualTo(6));
    assertThat(get(admin, "/api/v1/admin/dead-letters").bodyAsJsonObject())
        .isEqualTo(
            new JsonObject()
                .put("waitingByReason", new JsonObject())
                .put("waiting", 0)
                .put("replayed", 1));
  }

  private static void createProduct(String sku, String name, long price, int stock) {
    HttpResponse<Buffer> created =
        node.http
            .post("/api/v1/products")
            .bearerTokenAuthentication(admin)
            .sendJsonObject(
                new JsonObject()
                    .put("sku", sku)
                    .put("name", name)
                    .put("priceMinor", price)
                    .put("currency", "EUR")
                    .put("initialStock", stock))
            .await();
    assertThat(created.statusCode()).isEqualTo(201);
  }

  private static HttpResponse<Buffer> place(String token, String key, JsonObject body) {
    HttpRequest<Buffer> request = node.http.post("/api/v1/orders");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }
    return request.sendJsonObject(body).await();
  }

  private static HttpResponse<Buffer> get(String token, String path) {
    return node.http.get(path).bearerTokenAuthentication(token).send().await();
  }

  private static JsonObject order(String token, JsonObject... lines) {
    return new JsonObject()
        .put("lines", new JsonArray(List.of((Object[]) lines)))
        .put("paymentToken", token);
  }

  private static JsonObject line(String sku, int quantity) {
    return new JsonObject().put("sku", sku).put("quantity", quantity);
  }

  private static List<String> fields(HttpResponse<Buffer> response) {
    return Problems.assertProblem(response, 400, "VALIDATION_FAILED")
        .getJsonArray("errors")
        .stream()
        .map(JsonObject.class::cast)
        .map(error -> error.getString("field"))
        .toList();
  }
}
