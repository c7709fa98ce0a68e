package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The users API through the real gateway, users domain, PostgreSQL and Kafka: what a shop front sees. */
@Timeout(120)
class UsersApiIT {

  private static final String PASSWORD = "analytical-engine-1843";
  private static final int HASH_QUEUE = 4;
  private static RunningPlatform node;

  @BeforeAll
  static void startNode() {
    // a short hash queue, so that a burst of logins fills it
    node = RunningPlatform.start(Map.of("users.hashQueueLimit", String.valueOf(HASH_QUEUE)));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @BeforeEach
  void noCustomersYet() {
    RunningPlatform.forgetCustomers();
  }

  @Test
  @DisplayName("register → 201 with the user and a token, which then reads /users/me")
  void registerThenReadMe() {
    HttpResponse<Buffer> registered = register("ada@example.com", PASSWORD, "Ada Lovelace");

    assertThat(registered.statusCode()).isEqualTo(201);
    assertThat(registered.getHeader("Location")).isEqualTo("/api/v1/users/me");
    JsonObject session = registered.bodyAsJsonObject();
    assertThat(session.getString("tokenType")).isEqualTo("Bearer");
    assertThat(session.getJsonObject("user").getString("email")).isEqualTo("ada@example.com");
    assertThat(session.getJsonObject("user").getJsonArray("roles").getList())
        .containsExactly("customer");
    assertThat(session.getJsonObject("user").fieldNames())
        .containsExactlyInAnyOrder("id", "email", "fullName", "roles", "createdAt");

    HttpResponse<Buffer> me =
        node.http
            .get("/api/v1/users/me")
            .bearerTokenAuthentication(session.getString("token"))
            .send()
            .await();
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject()).isEqualTo(session.getJsonObject("user"));
  }

  @Test
  @DisplayName(
      "a token has one spelling: with a character appended it is refused; /.well-known/jwks.json holds the key that verifies it")
  void tokensHaveOneSpellingAndAPublishedKey() {
    String token =
        register("grace@example.com", PASSWORD, "Grace Hopper")
            .bodyAsJsonObject()
            .getString("token");

    assertThat(me(token).statusCode()).isEqualTo(200);
    Problems.assertProblem(me(token + "x"), 401, "UNAUTHORIZED");

    HttpResponse<Buffer> published = node.http.get("/.well-known/jwks.json").send().await();
    assertThat(published.statusCode()).isEqualTo(200);
    assertThat(published.getHeader("Content-Type")).isEqualTo("application/jwk-set+json");
    JsonObject key = published.bodyAsJsonObject().getJsonArray("keys").getJsonObject(0);
    assertThat(key.getString("kid")).isEqualTo("cartwheel-1");
    assertThat(key.fieldNames()).doesNotContain("d");
    JWTAuth fromJwks =
        JWTAuth.create(
            node.platform.vertx(),
            new JWTAuthOptions()
                .addJwk(key)
                .setJWTOptions(new JWTOptions().setIssuer("cartwheel")));
    assertThat(fromJwks.authenticate(new TokenCredentials(token)).await().subject())
        .as("the token verified with the published key alone")
        .isNotNull();
  }

  @Test
  @DisplayName("login → 200 with a fresh token for the same user")
  void login() {
    JsonObject user =
        register("ada@example.com", PASSWORD, "Ada Lovelace")
            .bodyAsJsonObject()
            .getJsonObject("user");

    HttpResponse<Buffer> login = login("ADA@example.com", PASSWORD);

    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.bodyAsJsonObject().getJsonObject("user")).isEqualTo(user);
    HttpResponse<Buffer> me =
        node.http
            .get("/api/v1/users/me")
            .bearerTokenAuthentication(login.bodyAsJsonObject().getString("token"))
            .send()
            .await();
    assertThat(me.bodyAsJsonObject().getString("id")).isEqualTo(user.getString("id"));
  }

  @Test
  @DisplayName("a duplicate e-mail address → 409 EMAIL_TAKEN")
  void duplicateEmail() {
    register("ada@example.com", PASSWORD, "Ada Lovelace");

    HttpResponse<Buffer> again = register("Ada@Example.com", "another-good-password", "Ada Again");

    Problems.assertProblem(again, 409, "EMAIL_TAKEN");
    assertThat(RunningPlatform.customerCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("a wrong password and an unknown e-mail address get the very same 401")
  void wrongPasswordAndUnknownEmailAreIndistinguishable() {
    register("ada@example.com", PASSWORD, "Ada Lovelace");

    HttpResponse<Buffer> wrongPassword = login("ada@example.com", "not-the-password");
    HttpResponse<Buffer> unknownEmail = login("nobody@example.com", PASSWORD);

    Problems.assertProblem(wrongPassword, 401, "INVALID_CREDENTIALS");
    Problems.assertProblem(unknownEmail, 401, "INVALID_CREDENTIALS");
    JsonObject first = wrongPassword.bodyAsJsonObject();
    JsonObject second = unknownEmail.bodyAsJsonObject();
    first.remove("requestId");
    second.remove("requestId");
    assertThat(first).isEqualTo(second);
  }

  @Test
  @DisplayName("the seeded administrator logs in with the admin role")
  void seededAdministrator() {
    HttpResponse<Buffer> admin = login("admin@cartwheel.dev", "cartwheel-dev-admin");

    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.bodyAsJsonObject().getJsonObject("user").getJsonArray("roles").getList())
        .contains("admin");
  }

  @Test
  @DisplayName("operations endpoints: live, ready with every dependency, info about this node")
  void operationsEndpoints() {
    HttpResponse<Buffer> live = node.http.get("/health/live").send().await();
    assertThat(live.statusCode()).isEqualTo(200);

    HttpResponse<Buffer> ready = node.http.get("/health/ready").send().await();
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    assertThat(
            ready.bodyAsJsonObject().getJsonArray("checks").stream()
                .map(check -> ((JsonObject) check).getString("id")))
        .containsExactlyInAnyOrder(
            "postgres", "kafka", "kafka-topics", "live-settings", "deployments");

    JsonObject info = node.http.get("/info").send().await().bodyAsJsonObject();
    assertThat(info.getString("version")).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(info.getString("commit")).isNotBlank();
    assertThat(info.getString("node")).isEqualTo(node.platform.node().id());
    assertThat(info.getString("profile")).isEqualTo("dev");
    assertThat(info.getBoolean("clustered")).isFalse();
    assertThat(info.getJsonObject("settings").getString("payments.provider"))
        .as("the payment provider in use")
        .isEqualTo("simulated");
    assertThat(info.getJsonArray("verticles"))
        .containsExactly(
            new JsonObject().put("name", "users").put("instances", 1),
            new JsonObject().put("name", "inventory").put("instances", 1),
            new JsonObject().put("name", "payments").put("instances", 1),
            new JsonObject().put("name", "orders").put("instances", 1),
            new JsonObject().put("name", "notifications").put("instances", 1),
            new JsonObject().put("name", "bridge").put("instances", 1),
            new JsonObject().put("name", "gateway").put("instances", 1));
  }

  @Test
  @DisplayName("the OpenAPI document is published as JSON and YAML, with the problem media type")
  void openApiDocument() {
    HttpResponse<Buffer> json = node.http.get("/api/v1/openapi.json").send().await();
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.bodyAsJsonObject().getJsonObject("paths").fieldNames())
        .containsExactlyInAnyOrder(
            "/users",
            "/sessions",
            "/users/me",
            "/products",
            "/products/{sku}",
            "/products/{sku}/restock",
            "/orders",
            "/orders/{id}",
            "/orders/{id}/cancel",
            "/notifications",
            "/notifications/{id}/read",
            "/stream/tickets",
            "/admin/config",
            "/admin/dead-letters",
            "/admin/dead-letters/replay",
            "/services");
    assertThat(json.bodyAsString()).contains("application/problem+json");

    HttpResponse<Buffer> yaml = node.http.get("/api/v1/openapi.yaml").send().await();
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.bodyAsString()).startsWith("openapi: 3.1.0");
  }

  private HttpResponse<Buffer> me(String token) {
    return node.http.get("/api/v1/users/me").bearerTokenAuthentication(token).send().await();
  }

  private HttpResponse<Buffer> register(String email, String password, String fullName) {
    return node.http
        .post("/api/v1/users")
        .sendJsonObject(
            new JsonObject()
                .put("email", email)
                .put("password", password)
                .put("fullName", fullName))
        .await();
  }

  @Test
  @DisplayName(
      "a burst of logins beyond the hash queue: the overflow gets 503 BUSY with Retry-After at once, the rest their 401")
  void aBurstBeyondTheHashQueueIsRefusedAtOnce() {
    List<Future<HttpResponse<Buffer>>> burst =
        IntStream.range(0, 10 * HASH_QUEUE)
            .mapToObj(
                i ->
                    node.burstHttp
                        .post("/api/v1/sessions")
                        .sendJsonObject(
                            new JsonObject()
                                .put("email", "nobody-" + i + "@example.com")
                                .put("password", PASSWORD)))
            .toList();
    Future.join(burst).await();

    List<HttpResponse<Buffer>> busy =
        burst.stream()
            .map(Future::result)
            .filter(response -> response.statusCode() == 503)
            .toList();
    assertThat(busy).as("refused for a full queue").isNotEmpty();
    busy.forEach(
        response -> {
          Problems.assertProblem(response, 503, "BUSY");
          assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        });
    assertThat(burst.stream().map(answer -> answer.result().statusCode()))
        .as("nothing timed out")
        .containsOnly(401, 503);
  }

  @Test
  @DisplayName("the HTTP API doc's problem example: its registration answers the problem it shows")
  void theDocumentedProblemExampleHolds() throws IOException {
    String readme = Files.readString(Path.of("..", "..", "docs", "http-api.md"));
    Matcher request = Pattern.compile("Registering with `(\\{.*?\\})`").matcher(readme);
    assertThat(request.find()).as("the documented example request").isTrue();
    String block = readme.substring(readme.indexOf("```json", request.end()) + "```json".length());
    JsonObject documented = new JsonObject(block.substring(0, block.indexOf("```")));

    HttpResponse<Buffer> answer =
        node.http.post("/api/v1/users").sendJsonObject(new JsonObject(request.group(1))).await();

    JsonObject problem =
        Problems.assertProblem(
            answer, documented.getInteger("status"), documented.getString("code"));
    assertThat(problem.getString("detail")).isEqualTo(documented.getString("detail"));
    assertThat(problem.getJsonArray("errors")).isEqualTo(documented.getJsonArray("errors"));
    assertThat(problem.getString("instance")).isEqualTo(documented.getString("instance"));
  }

  private HttpResponse<Buffer> login(String email, String password) {
    return node.http
        .post("/api/v1/sessions")
        .sendJsonObject(new JsonObject().put("email", email).put("password", password))
        .await();
  }
}
