package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.UUID;

/** What a shop front does through the gateway, for tests of what follows from it. */
final class Shoppers {

  record Shopper(String userId, String email, String token) {}

  private Shoppers() {}

  static Shopper register(RunningPlatform node, String name) {
    return register(node.http, name);
  }

  static Shopper login(RunningPlatform node, String email, String password) {
    return login(node.http, email, password);
  }

  static void createProduct(RunningPlatform node, String adminToken, String sku, int stock) {
    createProduct(node.http, adminToken, sku, stock);
  }

  static String placeOrder(RunningPlatform node, String token, String sku, int quantity) {
    return placeOrder(node.http, token, sku, quantity);
  }

  static Shopper register(WebClient http, String name) {
    String email = name + "-" + UUID.randomUUID() + "@example.com";
    HttpResponse<Buffer> response =
        http.post("/api/v1/users")
            .sendJsonObject(
                new JsonObject()
                    .put("email", email)
                    .put("password", "correct-horse-" + name)
                    .put("fullName", name))
            .await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return shopper(response.bodyAsJsonObject());
  }

  static Shopper login(WebClient http, String email, String password) {
    HttpResponse<Buffer> response =
        http.post("/api/v1/sessions")
            .sendJsonObject(new JsonObject().put("email", email).put("password", password))
            .await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return shopper(response.bodyAsJsonObject());
  }

  static void createProduct(WebClient http, String adminToken, String sku, int stock) {
    JsonObject product =
        new JsonObject()
            .put("sku", sku)
            .put("name", sku)
            .put("priceMinor", 1290)
            .put("currency", "EUR");
    assertThat(
            http.post("/api/v1/products")
                .bearerTokenAuthentication(adminToken)
                .sendJsonObject(product)
                .await()
                .statusCode())
        .isEqualTo(201);
    assertThat(
            http.post("/api/v1/products/" + sku + "/restock")
                .bearerTokenAuthentication(adminToken)
                .putHeader("Idempotency-Key", UUID.randomUUID().toString())
                .sendJsonObject(new JsonObject().put("quantity", stock))
                .await()
                .statusCode())
        .isEqualTo(200);
  }

  /** Places an order (paid with a card the simulator accepts) and answers its id. */
  static String placeOrder(WebClient http, String token, String sku, int quantity) {
    return placeOrder(http, token, sku, quantity, "tok_visa");
  }

  /** Places an order paid with {@code paymentToken} and answers its id. */
  static String placeOrder(
      WebClient http, String token, String sku, int quantity, String paymentToken) {
    HttpResponse<Buffer> response = order(http, token, sku, quantity, paymentToken);
    assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(201, 202);
    return response.bodyAsJsonObject().getString("id");
  }

  /** Sends an order of one line, with a fresh Idempotency-Key, and answers the response as it is. */
  static HttpResponse<Buffer> order(
      WebClient http, String token, String sku, int quantity, String paymentToken) {
    return http.post("/api/v1/orders")
        .bearerTokenAuthentication(token)
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .sendJsonObject(
            new JsonObject()
                .put("paymentToken", paymentToken)
                .put(
                    "lines",
                    new JsonArray()
                        .add(new JsonObject().put("sku", sku).put("quantity", quantity))))
        .await();
  }

  private static Shopper shopper(JsonObject session) {
    JsonObject user = session.getJsonObject("user");
    return new Shopper(user.getString("id"), user.getString("email"), session.getString("token"));
  }
}
