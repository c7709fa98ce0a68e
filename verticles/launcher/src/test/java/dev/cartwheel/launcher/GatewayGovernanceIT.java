package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.testkit.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the gateway adds in front of the domains: caching, API versions, security headers, CORS, limits on what clients send. */
@Timeout(120)
class GatewayGovernanceIT {

  private static final String SHOP = "https://shop.example";

  /** Long enough that only an invalidation can explain a change seen within a second. */
  private static final int CACHE_TTL_MS = 3000;

  private static RunningPlatform node;
  private static Vertx clients;
  private static String admin;

  @BeforeAll
  static void startNode() {
    node =
        RunningPlatform.start(
            Map.of(
                "inventory.seedDemoCatalogue", "false",
                "payments.simulator.latencyMs", "0",
                "catalogue.cacheTtlMs", String.valueOf(CACHE_TTL_MS),
                "http.corsAllowedOrigins", SHOP,
                "http.requestTimeoutMs", "1000",
                "gateway.requestTimeoutMs", "800",
                "http.idleTimeoutMs", "2000",
                "stream.pingIntervalMs", "500",
                "stream.pongTimeoutMs", "1500",
                "http.maxJsonDepth", "8"));
    clients = Vertx.vertx();
    admin = Shoppers.login(node, "admin@cartwheel.dev", "cartwheel-dev-admin").token();
  }

  @AfterAll
  static void stopNode() {
    clients.close().await();
    node.close();
  }

  @BeforeEach
  void freshCatalogue() {
    TestServices.sql(Commerce.RESET);
    Shoppers.createProduct(node, admin, "CW-MUG-01", 10);
    // the product's own events must be out before a test reads, or they would empty the cache
    // mid-test
    await()
        .until(
            () ->
                TestServices.queryOne(
                        "SELECT count(*) FROM inventory.outbox WHERE published_at IS NULL")
                    .equals("0"));
  }

  @Test
  @DisplayName(
      "catalogue reads carry an ETag; If-None-Match gets a 304; a restock is seen at once, with a new ETag")
  void catalogueCaching() {
    HttpResponse<Buffer> first = node.http.get("/api/v1/products/CW-MUG-01").send().await();
    String etag = first.getHeader("ETag");
    assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
    assertThat(first.getHeader("Cache-Control")).isEqualTo("public, max-age=2");

    HttpResponse<Buffer> unchanged =
        node.http.get("/api/v1/products/CW-MUG-01").putHeader("If-None-Match", etag).send().await();
    assertThat(unchanged.statusCode()).isEqualTo(304);
    assertThat(unchanged.body()).isNull();
    assertThat(unchanged.getHeader("ETag")).isEqualTo(etag);
    assertThat(
            node.http
                .get("/api/v1/products/CW-MUG-01")
                .putHeader("If-None-Match", "W/" + etag + ", \"other\"")
                .send()
                .await()
                .statusCode())
        .as("weak and listed tags match too")
        .isEqualTo(304);

    node.http
        .post("/api/v1/products/CW-MUG-01/restock")
        .bearerTokenAuthentication(admin)
        .sendJsonObject(new JsonObject().put("quantity", 5))
        .await();
    // the restock event empties the cache: the new stock shows well before the cache's own expiry
    await()
        .atMost(Duration.ofMillis(1000))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                node.http
                        .get("/api/v1/products/CW-MUG-01")
                        .send()
                        .await()
                        .bodyAsJsonObject()
                        .getInteger("available")
                    == 15);
    HttpResponse<Buffer> changed =
        node.http.get("/api/v1/products/CW-MUG-01").putHeader("If-None-Match", etag).send().await();
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.getHeader("ETag")).isNotEqualTo(etag);
  }

  @Test
  @DisplayName(
      "a change no event announces is served from the cache for at most catalogue.cacheTtlMs")
  void stalenessIsBounded() {
    assertThat(available()).isEqualTo(10);
    TestServices.sql("UPDATE inventory.products SET stock_on_hand = 7 WHERE sku = 'CW-MUG-01'");
    assertThat(available()).as("served from the cache").isEqualTo(10);
    long changed = System.nanoTime();
    await()
        .atMost(Duration.ofMillis(CACHE_TTL_MS + 1000))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> available() == 7);
    assertThat(Duration.ofNanos(System.nanoTime() - changed))
        .isLessThanOrEqualTo(Duration.ofMillis(CACHE_TTL_MS + 500));
  }

  @Test
  @DisplayName("nothing user-specific is cacheable: per-user answers are no-store")
  void userDataIsNeverCached() {
    Shoppers.Shopper ada = Shoppers.register(node, "ada");
    HttpResponse<Buffer> mine =
        node.http.get("/api/v1/orders").bearerTokenAuthentication(ada.token()).send().await();
    assertThat(mine.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(mine.getHeader("ETag")).isNull();
    assertThat(
            node.http
                .get("/api/v1/users/me")
                .bearerTokenAuthentication(ada.token())
                .send()
                .await()
                .getHeader("Cache-Control"))
        .isEqualTo("no-store");
  }

  @Test
  @DisplayName(
      "GET /api lists the versions; v2 serves orders in the new shape; v1's orders say they are deprecated")
  void apiVersions() {
    JsonObject versions = node.http.get("/api").send().await().bodyAsJsonObject();
    JsonArray list = versions.getJsonArray("versions");
    assertThat(list.getJsonObject(0).getString("version")).isEqualTo("v1");
    assertThat(list.getJsonObject(0).getJsonArray("deprecatedOperations").getList())
        .containsExactly("cancelOrder", "getOrder", "listOrders", "placeOrder");
    assertThat(list.getJsonObject(1).getString("status")).isEqualTo("current");
    JsonObject v2Document = node.http.get("/api/v2/openapi.json").send().await().bodyAsJsonObject();
    assertThat(v2Document.getJsonObject("info").getString("version")).isEqualTo("2");
    assertThat(v2Document.getJsonObject("paths").fieldNames())
        .containsExactlyInAnyOrder("/orders", "/orders/{id}", "/orders/{id}/cancel");

    Shoppers.Shopper ada = Shoppers.register(node, "ada");
    HttpResponse<Buffer> placed =
        node.http
            .post("/api/v2/orders")
            .bearerTokenAuthentication(ada.token())
            .putHeader("Idempotency-Key", UUID.randomUUID().toString())
            .sendJsonObject(
                new JsonObject()
                    .put("paymentToken", "tok_visa")
                    .put(
                        "items",
                        new JsonArray()
                            .add(new JsonObject().put("sku", "CW-MUG-01").put("quantity", 2))))
            .await();
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    JsonObject order = placed.bodyAsJsonObject();
    assertThat(placed.getHeader("Location")).isEqualTo("/api/v2/orders/" + order.getString("id"));
    assertThat(order.getJsonObject("total"))
        .isEqualTo(new JsonObject().put("amountMinor", 2580).put("currency", "EUR"));
    assertThat(
            order
                .getJsonArray("items")
                .getJsonObject(0)
                .getJsonObject("unitPrice")
                .getLong("amountMinor"))
        .isEqualTo(1290);
    assertThat(order.containsKey("lines")).isFalse();
    assertThat(placed.getHeader("Deprecation")).as("v2 is current").isNull();
    Problems.assertProblem(
        node.http
            .post("/api/v2/orders")
            .bearerTokenAuthentication(ada.token())
            .putHeader("Idempotency-Key", UUID.randomUUID().toString())
            .sendJsonObject(
                new JsonObject()
                    .put("paymentToken", "tok_visa")
                    .put(
                        "lines",
                        new JsonArray()
                            .add(new JsonObject().put("sku", "CW-MUG-01").put("quantity", 1))))
            .await(),
        400,
        "VALIDATION_FAILED");

    HttpResponse<Buffer> old =
        node.http
            .get("/api/v1/orders/" + order.getString("id"))
            .bearerTokenAuthentication(ada.token())
            .send()
            .await();
    assertThat(old.statusCode()).isEqualTo(200);
    assertThat(old.bodyAsJsonObject().getLong("totalMinor"))
        .as("the same order, in v1's shape")
        .isEqualTo(2580);
    assertThat(old.getHeader("Deprecation"))
        .isEqualTo("@" + ZonedDateTime.of(2026, 12, 3, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond());
    assertThat(
            ZonedDateTime.parse(old.getHeader("Sunset"), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toLocalDate())
        .hasToString("2027-06-30");
    assertThat(old.getHeader("Link"))
        .isEqualTo("</api/v2/orders/" + order.getString("id") + ">; rel=\"successor-version\"");
    assertThat(node.http.get("/api/v1/products").send().await().getHeader("Deprecation"))
        .as("only deprecated operations")
        .isNull();
  }

  @Test
  @DisplayName("every answer carries the security headers, the web app and problems included")
  void securityHeaders() {
    List<HttpResponse<Buffer>> answers =
        List.of(
            node.http.get("/").send().await(),
            node.http.get("/api/v1/products").send().await(),
            node.http.get("/api/v1/no-such-thing").send().await(),
            node.http.get("/health/live").send().await());
    assertThat(answers)
        .allSatisfy(
            answer -> {
              assertThat(answer.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
              assertThat(answer.getHeader("X-Frame-Options")).isEqualTo("DENY");
              assertThat(answer.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
              assertThat(answer.getHeader("Content-Security-Policy"))
                  .contains("default-src 'self'")
                  .contains("frame-ancestors 'none'");
            });
  }

  @Test
  @DisplayName("CORS: an allowed origin may call from a browser; any other gets no CORS headers")
  void corsAllowList() {
    HttpResponse<Buffer> preflight =
        node.http
            .request(io.vertx.core.http.HttpMethod.OPTIONS, "/api/v1/orders")
            .putHeader("Origin", SHOP)
            .putHeader("Access-Control-Request-Method", "POST")
            .putHeader(
                "Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
            .send()
            .await();
    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    assertThat(preflight.getHeader("Access-Control-Allow-Headers").toLowerCase())
        .contains("idempotency-key");

    HttpResponse<Buffer> allowed =
        node.http.get("/api/v1/products").putHeader("Origin", SHOP).send().await();
    assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    assertThat(allowed.getHeader("Access-Control-Expose-Headers")).contains("ETag");

    HttpResponse<Buffer> foreign =
        node.http
            .get("/api/v1/products")
            .putHeader("Origin", "https://evil.example")
            .send()
            .await();
    assertThat(foreign.statusCode()).isEqualTo(200);
    assertThat(foreign.getHeader("Access-Control-Allow-Origin"))
        .as("the browser keeps the answer from the foreign page")
        .isNull();
  }

  @Test
  @DisplayName("bodies nested too deep, and heads too large, are refused before any work")
  void sizeAndDepthLimits() {
    int customers = RunningPlatform.customerCount();
    String deep = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
    Problems.assertProblem(
        node.http
            .post("/api/v1/users")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer(deep))
            .await(),
        400,
        "VALIDATION_FAILED");
    HttpResponse<Buffer> huge =
        node.http
            .get("/api/v1/products")
            .putHeader("X-Padding", "x".repeat(16 * 1024))
            .send()
            .await();
    assertThat(huge.statusCode()).isEqualTo(431);
    assertThat(RunningPlatform.customerCount()).isEqualTo(customers);
  }

  @Test
  @DisplayName(
      "a client that sends its body too slowly gets a 408; a silent connection is closed after http.idleTimeoutMs")
  void slowAndSilentClients() {
    URI url = URI.create(node.platform.node().url().orElseThrow());
    NetClient tcp = clients.createNetClient();
    try {
      NetSocket slow = tcp.connect(url.getPort(), url.getHost()).await();
      Buffer answer = Buffer.buffer();
      slow.handler(answer::appendBuffer);
      slow.write(
          "POST /api/v1/sessions HTTP/1.1\r\nHost: "
              + url.getHost()
              + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
      long trickle = clients.setPeriodic(200, tick -> slow.write(" "));
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> answer.toString().contains("\r\n\r\n"));
      } finally {
        clients.cancelTimer(trickle);
      }
      assertThat(answer.toString())
          .startsWith("HTTP/1.1 408")
          .contains("application/problem+json")
          .contains("REQUEST_TIMEOUT");

      NetSocket silent = tcp.connect(url.getPort(), url.getHost()).await();
      AtomicBoolean closed = new AtomicBoolean();
      silent.closeHandler(done -> closed.set(true));
      await().atMost(Duration.ofSeconds(10)).untilTrue(closed);
    } finally {
      tcp.close().await();
    }
  }

  private static int available() {
    return node.http
        .get("/api/v1/products/CW-MUG-01")
        .send()
        .await()
        .bodyAsJsonObject()
        .getInteger("available");
  }
}
