package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.launcher.BadInputCorpusIT.ApiOperation;
import dev.cartwheel.launcher.Shoppers.Shopper;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who may do what, read from the published documents rather than from a hand list: every operation
 * marked {@code x-cartwheel-roles: [admin]} refuses a customer with 403 and serves an admin; every
 * operation marked {@code x-cartwheel-owner-only: true} answers another customer as if the resource did
 * not exist (404) and serves its owner (and an admin, where the document says so); and the per-user
 * lists hold the caller's items and nobody else's.
 */
@Timeout(120)
class AuthorizationIT {

  private static RunningPlatform node;
  private static Shopper admin;
  private static Shopper owner;
  private static Shopper other;
  private static String product;
  private static List<ApiOperation> operations;

  @BeforeAll
  static void startNode() {
    // payments take 1.5 s, and the gateway answers orders after 50 ms: an order placed here stays
    // PENDING long
    // enough for its owner to cancel it
    node =
        RunningPlatform.start(
            Map.of(
                "inventory.seedDemoCatalogue",
                "false",
                "payments.simulator.latencyMs",
                "1500",
                "orders.placeWaitMs",
                "50"));
    admin = Shoppers.login(node, "admin@cartwheel.dev", "cartwheel-dev-admin");
    owner = Shoppers.register(node, "owner");
    other = Shoppers.register(node, "other");
    product = "CW-AUTHZ-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    Shoppers.createProduct(node, admin.token(), product, 100);
    operations = ApiOperation.published(node);
  }

  @AfterAll
  static void stopNode() {
    // the admin's change of the gateway timeout was stored: later nodes start from their files
    RunningPlatform.forgetLiveSettings();
    // leave no saga running behind: the next platform on this database would resume it
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "0"
                    .equals(
                        TestServices.queryOne(
                            "SELECT count(*) FROM orders.orders WHERE status = 'PENDING' AND user_id IN ('"
                                + owner.userId()
                                + "', '"
                                + other.userId()
                                + "')")));
    node.close();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // x-cartwheel-roles: [admin]
  // ---------------------------------------------------------------------------------------------------------------

  /**
   * A request an admin-only operation serves: the refusal of a customer is then about the role alone.
   * {@code state} reads what the request would change, to show that the customer's attempt changed nothing.
   */
  record Privileged(
      Map<String, String> pathValues, JsonObject body, int adminStatus, Supplier<String> state) {}

  private static Map<String, Privileged> privilegedRequests() {
    String newSku =
        "CW-AUTHZ-NEW-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    String timeout = String.valueOf(liveConfig().getValue("gateway.requestTimeoutMs"));
    return Map.of(
        "v1 createProduct",
            new Privileged(
                Map.of(),
                new JsonObject()
                    .put("sku", newSku)
                    .put("name", "Authorized product")
                    .put("priceMinor", 1500)
                    .put("currency", "EUR")
                    .put("initialStock", 3),
                201,
                () ->
                    TestServices.queryOne(
                        "SELECT count(*) FROM inventory.products WHERE sku = '" + newSku + "'")),
        "v1 restockProduct",
            new Privileged(
                Map.of("sku", product),
                new JsonObject().put("quantity", 2),
                200,
                () ->
                    TestServices.queryOne(
                        "SELECT stock_on_hand FROM inventory.products WHERE sku = '"
                            + product
                            + "'")),
        "v1 countDeadLetters", new Privileged(Map.of(), null, 200, () -> "reads only"),
        "v1 listServices", new Privileged(Map.of(), null, 200, () -> "reads only"),
        "v1 replayDeadLetters",
            new Privileged(
                Map.of(),
                new JsonObject().put("reason", "rejected").put("limit", 1),
                200,
                () ->
                    TestServices.queryOne(
                        "SELECT count(*) FROM bridge.dead_letters WHERE replayed_at IS NOT NULL")),
        "v1 showConfig", new Privileged(Map.of(), null, 200, () -> "reads only"),
        // the admin sets the value it has (a change that changes nothing); the customer's attempt
        // would double it
        "v1 changeConfig",
            new Privileged(
                Map.of(),
                new JsonObject().put("gateway.requestTimeoutMs", Long.parseLong(timeout)),
                200,
                () -> String.valueOf(liveConfig().getValue("gateway.requestTimeoutMs"))));
  }

  @Test
  @DisplayName(
      "every admin-only operation of the documents refuses a customer with 403 (and an anonymous caller with 401) and serves an admin")
  void adminOnlyOperationsServeAdminsAlone() {
    // what a replay would send back comes from other tests; this one starts from none waiting (as
    // CommerceApiIT does)
    TestServices.sql("TRUNCATE bridge.dead_letters");
    List<ApiOperation> adminOnly = operations.stream().filter(ApiOperation::adminOnly).toList();
    Map<String, Privileged> requests = privilegedRequests();
    assertThat(keys(adminOnly))
        .as("admin-only operations in the documents, and the requests this test has for them")
        .isEqualTo(new TreeSet<>(requests.keySet()));

    for (ApiOperation op : adminOnly) {
      Privileged request = requests.get(op.key());
      String before = request.state().get();

      expectProblem(
          op + " as a customer",
          send(op, request.pathValues(), request.body(), owner.token()),
          403,
          "FORBIDDEN");
      expectProblem(
          op + " without a token",
          send(op, request.pathValues(), request.body(), null),
          401,
          "UNAUTHORIZED");
      assertThat(request.state().get())
          .as("what %s changes, after a customer's attempt", op)
          .isEqualTo(before);

      HttpResponse<Buffer> served = send(op, request.pathValues(), request.body(), admin.token());
      assertThat(served.statusCode())
          .as("%s as an admin: %s", op, served.bodyAsString())
          .isEqualTo(request.adminStatus());
      assertThat(served.getHeader("Content-Type"))
          .as("%s as an admin", op)
          .startsWith("application/json");
    }
  }

  @Test
  @DisplayName("a customer's forged change of live configuration is refused before it is checked")
  void aCustomerCannotChangeLiveConfiguration() {
    long timeout = ((Number) liveConfig().getValue("gateway.requestTimeoutMs")).longValue();
    ApiOperation change =
        operations.stream()
            .filter(op -> op.key().equals("v1 changeConfig"))
            .findFirst()
            .orElseThrow();

    expectProblem(
        "a customer doubling the gateway timeout",
        send(
            change,
            Map.of(),
            new JsonObject().put("gateway.requestTimeoutMs", timeout * 2),
            other.token()),
        403,
        "FORBIDDEN");

    assertThat(((Number) liveConfig().getValue("gateway.requestTimeoutMs")).longValue())
        .isEqualTo(timeout);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // x-cartwheel-owner-only: true
  // ---------------------------------------------------------------------------------------------------------------

  /** The kinds of owner-only operations: what each works on, and how someone else is told it does not exist. */
  enum OwnerOnly {
    READ_ORDER("ORDER_NOT_FOUND"),
    CANCEL_ORDER("ORDER_NOT_FOUND"),
    READ_NOTIFICATION("NOTIFICATION_NOT_FOUND");

    final String notFound;

    OwnerOnly(String notFound) {
      this.notFound = notFound;
    }
  }

  private static final Map<String, OwnerOnly> OWNER_ONLY =
      Map.of(
          "v1 getOrder", OwnerOnly.READ_ORDER,
          "v2 getOrder", OwnerOnly.READ_ORDER,
          "v1 cancelOrder", OwnerOnly.CANCEL_ORDER,
          "v2 cancelOrder", OwnerOnly.CANCEL_ORDER,
          "v1 markNotificationRead", OwnerOnly.READ_NOTIFICATION);

  @Test
  @DisplayName(
      "every owner-only operation of the documents answers another customer 404 for the owner's real resource, and serves the owner")
  void ownerOnlyOperationsServeTheOwnerAlone() {
    List<ApiOperation> ownerOnly = operations.stream().filter(ApiOperation::ownerOnly).toList();
    assertThat(keys(ownerOnly))
        .as("owner-only operations in the documents, and the kinds this test knows")
        .isEqualTo(new TreeSet<>(OWNER_ONLY.keySet()));

    for (ApiOperation op : ownerOnly) {
      OwnerOnly kind = OWNER_ONLY.get(op.key());
      String id = resourceOfTheOwner(kind);
      Map<String, String> path = Map.of(op.parameters("path").get(0).getString("name"), id);
      String before = stateOf(kind, id);

      expectProblem(
          op + " by another customer", send(op, path, null, other.token()), 404, kind.notFound);
      assertThat(stateOf(kind, id)).as("%s after another customer's attempt", op).isEqualTo(before);

      HttpResponse<Buffer> served = send(op, path, null, owner.token());
      // this node's provider takes 1.5 s, so a cancellation is still compensating when answered:
      // 202, with Location
      int servedStatus = kind == OwnerOnly.CANCEL_ORDER ? 202 : 200;
      assertThat(served.statusCode())
          .as("%s by its owner: %s", op, served.bodyAsString())
          .isEqualTo(servedStatus);
      assertThat(served.bodyAsJsonObject().getString("id")).as("%s by its owner", op).isEqualTo(id);
      assertTheOwnerGotWhatTheyAskedFor(kind, id, served.bodyAsJsonObject());

      if (op.spec().getString("summary", "").contains("for an admin")) {
        HttpResponse<Buffer> asAdmin = send(op, path, null, admin.token());
        assertThat(asAdmin.statusCode())
            .as("%s by an admin (the document says admins may): %s", op, asAdmin.bodyAsString())
            .isEqualTo(200);
        assertThat(asAdmin.bodyAsJsonObject().getString("id")).isEqualTo(id);
      }
    }
  }

  private static String resourceOfTheOwner(OwnerOnly kind) {
    return switch (kind) {
      case READ_ORDER, CANCEL_ORDER -> pendingOrder(owner);
      case READ_NOTIFICATION ->
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () ->
                      TestServices.queryOne(
                          "SELECT id FROM notifications.notifications WHERE user_id = '"
                              + owner.userId()
                              + "' AND read_at IS NULL ORDER BY seq LIMIT 1"),
                  notification -> notification != null);
    };
  }

  /** What another customer's attempt must leave as it is: a cancellation request, a read mark. */
  private static String stateOf(OwnerOnly kind, String id) {
    return switch (kind) {
      case READ_ORDER, CANCEL_ORDER ->
          TestServices.queryOne(
              "SELECT coalesce(cancel_request, 'none') FROM orders.orders WHERE id = '" + id + "'");
      case READ_NOTIFICATION ->
          TestServices.queryOne(
              "SELECT coalesce(read_at::text, 'unread') FROM notifications.notifications WHERE id = '"
                  + id
                  + "'");
    };
  }

  private static void assertTheOwnerGotWhatTheyAskedFor(
      OwnerOnly kind, String id, JsonObject served) {
    switch (kind) {
      case READ_ORDER -> assertThat(served.getString("status")).isIn("PENDING", "CONFIRMED");
      case CANCEL_ORDER -> {
        assertThat(served.getString("status"))
            .as("a cancelled order, or one still compensating")
            .isIn("CANCELLED", "PENDING");
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(
                            TestServices.queryOne(
                                "SELECT status || ' ' || coalesce(cancel_reason, '') FROM orders.orders WHERE id = '"
                                    + id
                                    + "'"))
                        .isEqualTo("CANCELLED cancelled-by-customer"));
      }
      case READ_NOTIFICATION -> {
        assertThat(served.getString("readAt")).as("the notification, read").isNotBlank();
        assertThat(stateOf(kind, id)).isNotEqualTo("unread");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Per-user lists
  // ---------------------------------------------------------------------------------------------------------------

  /** Where the items of each secured list of the documents are kept, by path (v1 and v2 share the orders). */
  private static final Map<String, String> OWNED_ITEMS =
      Map.of(
          "/orders", "SELECT id FROM orders.orders WHERE user_id = '%s'",
          "/notifications", "SELECT id FROM notifications.notifications WHERE user_id = '%s'");

  @Test
  @DisplayName(
      "the per-user lists of the documents hold the caller's own items, and never another user's")
  void listsHoldTheCallersItemsAlone() {
    pendingOrder(owner);
    pendingOrder(other);
    List<ApiOperation> lists = operations.stream().filter(AuthorizationIT::isSecuredList).toList();
    Set<String> listPaths =
        lists.stream().map(ApiOperation::template).collect(Collectors.toCollection(TreeSet::new));
    assertThat(listPaths)
        .as("paths of the secured lists in the documents, and where this test finds their items")
        .isEqualTo(new TreeSet<>(OWNED_ITEMS.keySet()));
    assertThat(keys(lists))
        .as("secured lists")
        .contains("v1 listOrders", "v2 listOrders", "v1 listNotifications");

    for (ApiOperation op : lists) {
      for (Shopper caller : List.of(owner, other, admin)) {
        String query = OWNED_ITEMS.get(op.template()).formatted(caller.userId());
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () -> {
                  Set<String> own = new TreeSet<>(TestServices.queryColumn(query));
                  JsonObject page =
                      node.http
                          .get(op.url(Map.of()) + "?size=100")
                          .bearerTokenAuthentication(caller.token())
                          .send()
                          .await()
                          .bodyAsJsonObject();
                  Set<String> listed =
                      page.getJsonArray("items").stream()
                          .map(item -> ((JsonObject) item).getString("id"))
                          .collect(Collectors.toCollection(TreeSet::new));
                  assertThat(listed).as("%s for %s", op, caller.email()).isEqualTo(own);
                  assertThat(page.getLong("total"))
                      .as("total of %s for %s", op, caller.email())
                      .isEqualTo(own.size());
                });
      }
      // the check has teeth only if both customers have items, different ones
      Set<String> owners =
          new TreeSet<>(
              TestServices.queryColumn(OWNED_ITEMS.get(op.template()).formatted(owner.userId())));
      Set<String> others =
          new TreeSet<>(
              TestServices.queryColumn(OWNED_ITEMS.get(op.template()).formatted(other.userId())));
      assertThat(owners)
          .as("the owner's items behind %s", op)
          .isNotEmpty()
          .doesNotContainAnyElementsOf(others);
      assertThat(others).as("the other customer's items behind %s", op).isNotEmpty();
    }
  }

  /** A GET with a token and no path parameter that answers a page ({items, ...}). */
  private static boolean isSecuredList(ApiOperation op) {
    if (!op.method().equals("GET") || !op.secured() || !op.parameters("path").isEmpty()) {
      return false;
    }
    JsonObject ok = op.spec().getJsonObject("responses", new JsonObject()).getJsonObject("200");
    if (ok == null || !ok.containsKey("content")) {
      return false;
    }
    JsonObject schema =
        op.resolve(
            op.resolve(ok)
                .getJsonObject("content")
                .getJsonObject("application/json", new JsonObject())
                .getJsonObject("schema", new JsonObject()));
    return schema.getJsonObject("properties", new JsonObject()).containsKey("items");
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** Places an order that stays PENDING for a while (payments are slow here); answers its id. */
  private static String pendingOrder(Shopper shopper) {
    return Shoppers.placeOrder(node, shopper.token(), product, 1);
  }

  private static JsonObject liveConfig() {
    HttpResponse<Buffer> response =
        node.http
            .get("/api/v1/admin/config")
            .bearerTokenAuthentication(admin.token())
            .send()
            .await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonObject("live");
  }

  private static HttpResponse<Buffer> send(
      ApiOperation op, Map<String, String> pathValues, JsonObject body, String token) {
    HttpRequest<Buffer> request =
        node.http.request(HttpMethod.valueOf(op.method()), op.url(pathValues));
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    op.parameters("header")
        .forEach(
            header -> request.putHeader(header.getString("name"), "authz-" + UUID.randomUUID()));
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  private static void expectProblem(
      String what, HttpResponse<Buffer> response, int status, String code) {
    try {
      Problems.assertProblem(response, status, code);
    } catch (AssertionError e) {
      throw new AssertionError(
          what
              + ": expected "
              + status
              + " "
              + code
              + ", got "
              + response.statusCode()
              + " "
              + response.bodyAsString(),
          e);
    }
  }

  private static Set<String> keys(List<ApiOperation> operations) {
    return operations.stream()
        .map(ApiOperation::key)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
