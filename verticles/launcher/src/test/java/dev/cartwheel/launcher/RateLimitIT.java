package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwheel.testkit.TestServices;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rate limits and sign-in throttling at the gateway, with two clustered gateway nodes in this JVM (one runs everything, one only
 * a gateway) sharing their buckets through the Hazelcast grid. The test's requests all come from
 * 127.0.0.1, configured as a trusted proxy, so each test names its own client in X-Forwarded-For.
 */
@Timeout(180)
class RateLimitIT {

  private static final int ADDRESS_BURST = 40;
  private static final int ANONYMOUS_BURST = 10;
  private static final int CUSTOMER_BURST = 50;
  private static final int ORDER_COST = 20;
  private static final int ACCOUNT_FAILURES = 3;

  /** Long enough that three failures always fit in the time one of them takes to come back (5 s). */
  private static final int ACCOUNT_WINDOW_SECONDS = 15;

  private static final int ADDRESS_FAILURES = 6;
  private static final int ADDRESS_REGISTRATIONS = 2;
  private static final String PASSWORD = "correct-horse-battery";
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private static TwoNodes nodes;
  private static RunningPlatform full;
  private static RunningPlatform gatewayOnly;
  private static String admin;

  @BeforeAll
  static void startTwoGateways() {
    nodes = TwoNodes.start("conf", settings(), Map.of("inventory.seedDemoCatalogue", "false"));
    full = nodes.full;
    gatewayOnly = nodes.gatewayOnly;
    TestServices.sql(Commerce.RESET);
    admin = Shoppers.login(full, "admin@cartwheel.dev", "cartwheel-dev-admin").token();
    Shoppers.createProduct(full, admin, "CW-MUG-01", 100);
  }

  @AfterAll
  static void stop() {
    nodes.close();
  }

  @Test
  @DisplayName(
      "two gateway nodes together allow one client its burst, not twice it; a 429 says when to come back")
  void theLimitHoldsAcrossTheCluster() {
    String client = newClient();
    int allowed = 0;
    int[] refusedByEach = new int[2];
    long started = System.nanoTime();
    for (int i = 0; i < 3 * ANONYMOUS_BURST; i++) {
      RunningPlatform node = i % 2 == 0 ? full : gatewayOnly;
      HttpResponse<Buffer> response =
          node.http.get("/api/v1/products").putHeader("X-Forwarded-For", client).send().await();
      assertThat(response.getHeader("RateLimit-Limit")).isEqualTo(String.valueOf(ANONYMOUS_BURST));
      assertThat(response.getHeader("RateLimit-Remaining")).isNotNull();
      assertThat(response.getHeader("RateLimit-Reset")).isNotNull();
      if (response.statusCode() == 200) {
        allowed++;
      } else {
        Problems.assertProblem(response, 429, "RATE_LIMITED");
        assertThat(Integer.parseInt(response.getHeader("Retry-After"))).isPositive();
        assertThat(response.getHeader("RateLimit-Remaining")).isEqualTo("0");
        refusedByEach[i % 2]++;
      }
    }
    long refilled =
        (System.nanoTime() - started) / 1_000_000_000L + 1; // anonymous tier: 1 token a second
    // a bucket per node would let at least twice the burst through; a run so slow that refills
    // reach that fails too
    assertThat(allowed)
        .isBetween(
            ANONYMOUS_BURST, Math.min(ANONYMOUS_BURST + (int) refilled, 2 * ANONYMOUS_BURST - 1));
    assertThat(refusedByEach)
        .as("both nodes refuse once the shared bucket is empty")
        .doesNotContain(0);

    HttpResponse<Buffer> someoneElse =
        gatewayOnly
            .http
            .get("/api/v1/products")
            .putHeader("X-Forwarded-For", newClient())
            .send()
            .await();
    assertThat(someoneElse.statusCode()).as("another client has its own bucket").isEqualTo(200);
  }

  @Test
  @DisplayName(
      "a flood of bad tokens (forged, empty, of four parts), or of invalid bodies, from one address is charged before it is judged: 401s and 400s, then 429")
  void floodsOfBadRequestsAreLimited() {
    assertFloodIsLimited(
        "forged tokens",
        (node, client) ->
            node.http
                .get("/api/v1/orders")
                .putHeader("X-Forwarded-For", client)
                .bearerTokenAuthentication("not.a.token")
                .send()
                .await(),
        401);
    assertFloodIsLimited(
        "empty bearer tokens",
        (node, client) ->
            node.http
                .get("/api/v1/orders")
                .putHeader("X-Forwarded-For", client)
                .putHeader("Authorization", "Bearer ")
                .send()
                .await(),
        401);
    assertFloodIsLimited(
        "tokens of four parts",
        (node, client) ->
            node.http
                .get("/api/v1/orders")
                .putHeader("X-Forwarded-For", client)
                .bearerTokenAuthentication("a.b.c.d")
                .send()
                .await(),
        401);
    assertFloodIsLimited(
        "invalid bodies",
        (node, client) ->
            node.http
                .post("/api/v1/users")
                .putHeader("X-Forwarded-For", client)
                .sendJsonObject(new JsonObject().put("email", 42))
                .await(),
        400);
  }

  /** Past the address's burst (less what it refills meanwhile), the same bad request gets 429 instead. */
  private static void assertFloodIsLimited(
      String flood, BiFunction<RunningPlatform, String, HttpResponse<Buffer>> send, int judged) {
    String client = newClient();
    int judgedCount = 0;
    int refused = 0;
    long started = System.nanoTime();
    for (int i = 0; i < ADDRESS_BURST + 20; i++) {
      HttpResponse<Buffer> response = send.apply(i % 2 == 0 ? full : gatewayOnly, client);
      if (response.statusCode() == 429) {
        Problems.assertProblem(response, 429, "RATE_LIMITED");
        refused++;
      } else {
        assertThat(response.statusCode()).as(flood).isEqualTo(judged);
        judgedCount++;
      }
    }
    long refilled = (System.nanoTime() - started) / 1_000_000_000L + 1;
    assertThat(judgedCount)
        .as("%s judged before the address's bucket ran dry", flood)
        .isBetween(ADDRESS_BURST, ADDRESS_BURST + (int) refilled);
    assertThat(refused).as("%s refused with 429", flood).isPositive();
  }

  @Test
  @DisplayName(
      "a signed-in customer is limited as themselves, and placing an order costs more than reading")
  void customersPayPerOperation() {
    Shoppers.Shopper ada = register("ada");
    Shoppers.Shopper bob = register("bob");
    for (int i = 0; i < CUSTOMER_BURST / ORDER_COST; i++) {
      assertThat(placeOrder(i % 2 == 0 ? full : gatewayOnly, ada).statusCode()).isBetween(201, 202);
    }
    HttpResponse<Buffer> refused = placeOrder(gatewayOnly, ada);
    Problems.assertProblem(refused, 429, "RATE_LIMITED");
    assertThat(
            TestServices.queryOne(
                "SELECT count(*) FROM orders.orders WHERE user_id = '" + ada.userId() + "'"))
        .as("a refused order is not written")
        .isEqualTo(String.valueOf(CUSTOMER_BURST / ORDER_COST));

    // what is left pays for cheaper calls, and other customers are not touched
    assertThat(
            full.http
                .get("/api/v1/orders")
                .bearerTokenAuthentication(ada.token())
                .send()
                .await()
                .statusCode())
        .isEqualTo(200);
    assertThat(placeOrder(full, bob).statusCode()).isBetween(201, 202);
  }

  @Test
  @DisplayName("opening the live stream is limited too, whether or not the attempt authenticates")
  void streamAttemptsAreLimited() {
    String client = newClient();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(
          full.http
              .get("/api/v1/stream")
              .putHeader("X-Forwarded-For", client)
              .putHeader("Upgrade", "websocket")
              .putHeader("Connection", "Upgrade")
              .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
              .putHeader("Sec-WebSocket-Version", "13")
              .send()
              .await()
              .statusCode());
    }
    // the stream costs 5 of the anonymous burst of 10: two refusals for the missing token, then the
    // limit
    assertThat(statuses).containsExactly(401, 401, 429);
  }

  @Test
  @DisplayName(
      "failed sign-ins through two gateways lock the account on both: the right password gets 429 until the wait is over")
  void failedSignInsLockTheAccountAcrossTheCluster() throws InterruptedException {
    Shoppers.Shopper ada = register("ada");
    for (int i = 0; i < ACCOUNT_FAILURES; i++) {
      HttpResponse<Buffer> wrong =
          login(i % 2 == 0 ? full : gatewayOnly, newClient(), ada.email(), "not-her-password");
      Problems.assertProblem(wrong, 401, "INVALID_CREDENTIALS");
    }
    HttpResponse<Buffer> locked = login(gatewayOnly, newClient(), ada.email(), PASSWORD);
    Problems.assertProblem(locked, 429, "TOO_MANY_ATTEMPTS");
    int retryAfter = Integer.parseInt(locked.getHeader("Retry-After"));
    assertThat(retryAfter).isBetween(1, ACCOUNT_WINDOW_SECONDS / ACCOUNT_FAILURES);

    // a sleep, not a poll: what is checked is the promise Retry-After made, so wait exactly that
    // long and no more
    Thread.sleep(retryAfter * 1000L);
    assertThat(login(full, newClient(), ada.email(), PASSWORD).statusCode())
        .as("after Retry-After")
        .isEqualTo(200);
  }

  @Test
  @DisplayName("an e-mail address without an account is locked the same way, with the same answer")
  void unknownAccountsAreLockedTheSame() {
    Shoppers.Shopper grace = register("grace");
    String nobody = "nobody-" + UUID.randomUUID() + "@example.com";
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    for (String email : List.of(grace.email(), nobody)) {
      for (int i = 0; i < ACCOUNT_FAILURES; i++) {
        Problems.assertProblem(
            login(full, newClient(), email, "guess-" + i), 401, "INVALID_CREDENTIALS");
      }
      answers.add(login(gatewayOnly, newClient(), email, "guess-next"));
    }
    for (HttpResponse<Buffer> answer : answers) {
      Problems.assertProblem(answer, 429, "TOO_MANY_ATTEMPTS");
    }
    // the same words; only the seconds to wait may differ
    assertThat(answers.get(1).bodyAsJsonObject().getString("detail").replaceAll("\\d+", "N"))
        .isEqualTo(answers.get(0).bodyAsJsonObject().getString("detail").replaceAll("\\d+", "N"));
  }

  @Test
  @DisplayName(
      "one address failing on many accounts is refused on all of them; registrations from one address are limited too")
  void oneAddressIsLimited() {
    String client = newClient();
    for (int i = 0; i < ADDRESS_FAILURES; i++) {
      Problems.assertProblem(
          login(
              i % 2 == 0 ? full : gatewayOnly,
              client,
              "someone-" + i + "-" + UUID.randomUUID() + "@example.com",
              "guess"),
          401,
          "INVALID_CREDENTIALS");
    }
    Problems.assertProblem(
        login(full, client, "admin@cartwheel.dev", "cartwheel-dev-admin"),
        429,
        "TOO_MANY_ATTEMPTS");

    String registering = newClient();
    for (int i = 0; i < ADDRESS_REGISTRATIONS; i++) {
      assertThat(
              registerFrom(i % 2 == 0 ? full : gatewayOnly, registering, "new-" + i).statusCode())
          .isEqualTo(201);
    }
    HttpResponse<Buffer> refused = registerFrom(gatewayOnly, registering, "one-too-many");
    Problems.assertProblem(refused, 429, "TOO_MANY_ATTEMPTS");
    assertThat(refused.getHeader("Retry-After")).isNotNull();
  }

  private static Map<String, String> settings() {
    return Map.ofEntries(
        Map.entry("loginThrottle.enabled", "true"),
        Map.entry(
            "loginThrottle.accountFailures", ACCOUNT_FAILURES + "/" + ACCOUNT_WINDOW_SECONDS + "s"),
        Map.entry("loginThrottle.addressFailures", ADDRESS_FAILURES + "/60s"),
        Map.entry("loginThrottle.addressRegistrations", ADDRESS_REGISTRATIONS + "/60s"),
        Map.entry("rateLimits.costs.createSession", "1"),
        Map.entry("rateLimits.enabled", "true"),
        Map.entry("rateLimits.trustedProxies", "127.0.0.1"),
        Map.entry("rateLimits.tiers.address.burst", String.valueOf(ADDRESS_BURST)),
        Map.entry("rateLimits.tiers.address.perSecond", "1"),
        Map.entry("rateLimits.tiers.anonymous.burst", String.valueOf(ANONYMOUS_BURST)),
        Map.entry("rateLimits.tiers.anonymous.perSecond", "1"),
        Map.entry("rateLimits.tiers.customer.burst", String.valueOf(CUSTOMER_BURST)),
        Map.entry("rateLimits.tiers.customer.perSecond", "1"),
        Map.entry("rateLimits.costs.placeOrder", String.valueOf(ORDER_COST)),
        Map.entry("rateLimits.costs.registerUser", "1"),
        Map.entry("rateLimits.costs.stream", "5"));
  }

  private static Shoppers.Shopper register(String name) {
    String email = name + "-" + UUID.randomUUID() + "@example.com";
    HttpResponse<Buffer> response =
        full.http
            .post("/api/v1/users")
            .putHeader("X-Forwarded-For", newClient())
            .sendJsonObject(
                new JsonObject()
                    .put("email", email)
                    .put("password", PASSWORD)
                    .put("fullName", name))
            .await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return new Shoppers.Shopper(
        response.bodyAsJsonObject().getJsonObject("user").getString("id"),
        email,
        response.bodyAsJsonObject().getString("token"));
  }

  private static HttpResponse<Buffer> registerFrom(
      RunningPlatform node, String client, String name) {
    return node.http
        .post("/api/v1/users")
        .putHeader("X-Forwarded-For", client)
        .sendJsonObject(
            new JsonObject()
                .put("email", name + "-" + UUID.randomUUID() + "@example.com")
                .put("password", PASSWORD)
                .put("fullName", name))
        .await();
  }

  private static HttpResponse<Buffer> login(
      RunningPlatform node, String client, String email, String password) {
    return node.http
        .post("/api/v1/sessions")
        .putHeader("X-Forwarded-For", client)
        .sendJsonObject(new JsonObject().put("email", email).put("password", password))
        .await();
  }

  private static HttpResponse<Buffer> placeOrder(RunningPlatform node, Shoppers.Shopper shopper) {
    return Shoppers.order(node.http, shopper.token(), "CW-MUG-01", 1, "tok_visa");
  }

  /** A client address of its own (TEST-NET-2), so that tests do not drain each other's buckets. */
  private static String newClient() {
    int n = CLIENTS.incrementAndGet();
    return "198.51.100." + n;
  }
}
