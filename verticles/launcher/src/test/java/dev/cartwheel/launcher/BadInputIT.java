package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.runtime.auth.Jwt;
import dev.cartwheel.runtime.auth.JwtSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every kind of bad request the issue names, against the real platform: each gets a clear problem with
 * a stable code (never a 500 or a stack trace), and none writes anything.
 */
@Timeout(120)
class BadInputIT {

  private static RunningPlatform node;
  private static Vertx vertx;

  @BeforeAll
  static void startNode() {
    node = RunningPlatform.start(Map.of("http.maxBodyBytes", "4096"));
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopNode() {
    vertx.close().await();
    node.close();
  }

  @BeforeEach
  void noCustomersYet() {
    RunningPlatform.forgetCustomers();
  }

  @AfterEach
  void nothingWasWritten() {
    assertThat(RunningPlatform.customerCount()).as("accounts created by bad requests").isZero();
  }

  @Test
  void malformedJsonIs400() {
    JsonObject problem =
        Problems.assertProblem(
            post("/api/v1/users", "application/json", "{\"email\": \"ada@exa"),
            400,
            "MALFORMED_JSON");
    assertThat(problem.getString("instance")).isEqualTo("/api/v1/users");
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    Problems.assertProblem(
        post("/api/v1/users", "text/plain", "email=ada@example.com"),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    Problems.assertProblem(
        post("/api/v1/sessions", "application/x-www-form-urlencoded", "email=a&password=b"),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    Problems.assertProblem(
        post("/api/v1/users", "application/merge-patch+json", valid().encode()),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  @DisplayName("an unknown API path is a 404 whatever body it carries")
  void unknownPathWithAnyBodyIs404() {
    Problems.assertProblem(post("/api/v1/no-such-thing", "text/plain", "hello"), 404, "NOT_FOUND");
  }

  @Test
  @DisplayName("control characters that PostgreSQL cannot store are refused, not a 500")
  void nulCharactersAreRefused() {
    assertThat(fieldErrors(register(valid().put("email", "ada\u0000@example.com"))))
        .containsExactly("email: must be a valid e-mail address");
    Problems.assertProblem(
        node.http
            .post("/api/v1/sessions")
            .sendJsonObject(
                new JsonObject()
                    .put("email", "ada\u0000@example.com")
                    .put("password", "analytical-engine-1843"))
            .await(),
        401,
        "INVALID_CREDENTIALS");
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String huge =
        new JsonObject()
            .put("email", "ada@example.com")
            .put("password", "x".repeat(5000))
            .put("fullName", "Ada")
            .encode();
    Problems.assertProblem(
        post("/api/v1/users", "application/json", huge), 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void anUnknownRouteIs404AndAWrongMethodIs405() {
    Problems.assertProblem(node.http.get("/api/v1/no-such-thing").send().await(), 404, "NOT_FOUND");
    Problems.assertProblem(node.http.get("/nothing/here").send().await(), 404, "NOT_FOUND");
    Problems.assertProblem(
        node.http.delete("/api/v1/users").send().await(), 405, "METHOD_NOT_ALLOWED");
    Problems.assertProblem(
        node.http.get("/api/v1/sessions").send().await(), 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  @DisplayName("missing fields, wrong types and unknown fields are reported field by field")
  void schemaViolationsAreFieldErrors() {
    assertThat(fieldErrors(register(new JsonObject())))
        .containsExactlyInAnyOrder(
            "email: is required", "password: is required", "fullName: is required");
    assertThat(fieldErrors(register(valid().put("email", 42))))
        .containsExactly("email: must be of type string");
    assertThat(fieldErrors(register(valid().put("admin", true))))
        .containsExactly("admin: is not allowed");
    assertThat(fieldErrors(register(valid().put("fullName", ""))))
        .containsExactly("fullName: must be at least 1 characters");
    Problems.assertProblem(
        post("/api/v1/users", "application/json", "[]"), 400, "VALIDATION_FAILED");
    Problems.assertProblem(post("/api/v1/users", "application/json", ""), 400, "VALIDATION_FAILED");
    assertThat(
            fieldErrors(
                node.http
                    .post("/api/v1/sessions")
                    .sendJsonObject(new JsonObject().put("email", "ada@example.com"))
                    .await()))
        .containsExactly("password: is required");
  }

  @Test
  @DisplayName("an invalid e-mail address or a weak password is refused with the field named")
  void invalidEmailAndWeakPasswords() {
    assertThat(fieldErrors(register(valid().put("email", "not-an-address"))))
        .containsExactly("email: must be a valid e-mail address");
    assertThat(fieldErrors(register(valid().put("password", "short"))))
        .containsExactly("password: must be at least 10 characters");
    assertThat(fieldErrors(register(valid().put("password", "password123"))))
        .containsExactly(
            "password: is too easy to guess: avoid common passwords and your e-mail address");
    assertThat(fieldErrors(register(valid().put("password", "y".repeat(200)))))
        .containsExactly("password: must be at most 128 characters");
  }

  @Test
  @DisplayName("/users/me refuses a missing, garbled, foreign, expired or unsigned token with 401")
  void badTokensAre401() throws Exception {
    assertThat(me(null).getHeader("WWW-Authenticate")).startsWith("Bearer");
    Problems.assertProblem(me(null), 401, "UNAUTHORIZED");
    Problems.assertProblem(me("not.a.token"), 401, "UNAUTHORIZED");

    JsonObject claims =
        new JsonObject()
            .put("sub", "6f1c1e9e-6a55-4a2e-9d38-8d2b0a6b9f10")
            .put("roles", new JsonArray().add("admin"));
    Problems.assertProblem(me(signWithAnotherKey(claims.copy())), 401, "UNAUTHORIZED");

    JwtSettings dev = JwtSettings.from(node.platform.config());
    JWTAuth devKeys = Jwt.signer(vertx, dev);
    String expired =
        devKeys.generateToken(
            claims.copy().put("exp", Instant.now().minusSeconds(60).getEpochSecond()),
            new JWTOptions().setAlgorithm("ES256").setIssuer("cartwheel"));
    Problems.assertProblem(me(expired), 401, "UNAUTHORIZED");
    String otherIssuer =
        devKeys.generateToken(
            claims.copy(), new JWTOptions().setAlgorithm("ES256").setIssuer("someone-else"));
    Problems.assertProblem(me(otherIssuer), 401, "UNAUTHORIZED");

    String unsigned =
        base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}")
            + "."
            + base64Url(claims.put("iss", "cartwheel").encode())
            + ".";
    Problems.assertProblem(me(unsigned), 401, "UNAUTHORIZED");
  }

  @Test
  @DisplayName("a token the gateway remembers as verified stops working when it expires")
  void rememberedTokensExpire() throws Exception {
    JwtSettings dev = JwtSettings.from(node.platform.config());
    JWTAuth devKeys = Jwt.signer(vertx, dev);
    String shortLived =
        devKeys.generateToken(
            new JsonObject()
                .put("sub", UUID.randomUUID().toString())
                .put("roles", new JsonArray().add("customer"))
                .put("exp", Instant.now().plusSeconds(2).getEpochSecond()),
            new JWTOptions().setAlgorithm("ES256").setIssuer("cartwheel"));

    assertThat(me(shortLived).statusCode())
        .as("accepted (the user does not exist, so 404)")
        .isEqualTo(404);
    assertThat(me(shortLived).statusCode()).as("accepted again, from the cache").isEqualTo(404);
    // the cache keeps an accepted token no longer than the token itself
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> me(shortLived).statusCode() == 401);
    Problems.assertProblem(me(shortLived), 401, "UNAUTHORIZED");
  }

  private static JsonObject valid() {
    return new JsonObject()
        .put("email", "ada@example.com")
        .put("password", "analytical-engine-1843")
        .put("fullName", "Ada Lovelace");
  }

  private static HttpResponse<Buffer> register(JsonObject body) {
    return node.http.post("/api/v1/users").sendJsonObject(body).await();
  }

  private static HttpResponse<Buffer> post(String path, String contentType, String body) {
    return node.http
        .post(path)
        .putHeader("Content-Type", contentType)
        .sendBuffer(Buffer.buffer(body))
        .await();
  }

  private static HttpResponse<Buffer> me(String token) {
    var request = node.http.get("/api/v1/users/me");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.send().await();
  }

  private static List<String> fieldErrors(HttpResponse<Buffer> response) {
    JsonObject problem = Problems.assertProblem(response, 400, "VALIDATION_FAILED");
    return problem.getJsonArray("errors").stream()
        .map(JsonObject.class::cast)
        .map(error -> error.getString("field") + ": " + error.getString("message"))
        .toList();
  }

  private static String signWithAnotherKey(JsonObject claims) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    JWTAuth other =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions()
                        .setAlgorithm("ES256")
                        .setBuffer(pem)
                        .setId("cartwheel-1")));
    return other.generateToken(
        claims, new JWTOptions().setAlgorithm("ES256").setIssuer("cartwheel"));
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
