package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.users.Login;
import dev.cartwheel.codecs.users.Session;
import dev.cartwheel.codecs.users.UserProfile;
import dev.cartwheel.codecs.users.UsersContract;
import dev.cartwheel.codecs.users.UsersError;
import dev.cartwheel.embedded.Ports;
import dev.cartwheel.runtime.discovery.ServiceRegistry;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A node that runs only the gateway: what clients and operators see when the domains are elsewhere, or nowhere. */
@Timeout(120)
class GatewayAloneIT {

  private static final JsonObject PROBE =
      new JsonObject().put("email", "probe@example.com").put("password", "not-a-real-password");
  private static final JsonObject CREDENTIALS =
      new JsonObject().put("email", "ada@example.com").put("password", "analytical-engine-1843");

  @Test
  @DisplayName("no users service anywhere: 503 SERVICE_UNAVAILABLE at once, not after a timeout")
  void missingDomainIs503() {
    try (RunningPlatform node =
        RunningPlatform.start(Map.of("deploy", "gateway", "gateway.requestTimeoutMs", "5000"))) {
      long start = System.nanoTime();
      HttpResponse<Buffer> response =
          node.http.post("/api/v1/sessions").sendJsonObject(CREDENTIALS).await();

      Problems.assertProblem(response, 503, "SERVICE_UNAVAILABLE");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
    }
  }

  @Test
  @DisplayName("a users service that does not answer in time: 504 UPSTREAM_TIMEOUT")
  void silentDomainIs504() {
    try (RunningPlatform node =
        RunningPlatform.start(Map.of("deploy", "gateway", "gateway.requestTimeoutMs", "500"))) {
      standInUsersService(node, message -> {});

      Problems.assertProblem(
          node.http.post("/api/v1/sessions").sendJsonObject(CREDENTIALS).await(),
          504,
          "UPSTREAM_TIMEOUT");
    }
  }

  @Test
  @DisplayName(
      "/health/ready is 503 and names PostgreSQL while it is unreachable; /health/live stays 200")
  void readinessReportsAnUnreachableDatabase() {
    String nowhere = "postgresql://postgres@127.0.0.1:" + Ports.free() + "/cartwheel";
    try (RunningPlatform node =
        RunningPlatform.start(
            Map.of("deploy", "gateway", "pg.url", nowhere, "health.checkTimeoutMs", "1500"))) {
      HttpResponse<Buffer> ready = node.http.get("/health/ready").send().await();

      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(statusOf(ready.bodyAsJsonObject(), "postgres")).isEqualTo("DOWN");
      assertThat(statusOf(ready.bodyAsJsonObject(), "kafka")).isEqualTo("UP");
      assertThat(statusOf(ready.bodyAsJsonObject(), "live-settings"))
          .as("not ready before the stored live settings are applied")
          .isEqualTo("DOWN");
      assertThat(ready.bodyAsString())
          .as("why a check fails goes to the log, not to the public")
          .doesNotContain("127.0.0.1")
          .doesNotContainIgnoringCase("refused");
      assertThat(node.http.get("/health/live").send().await().statusCode()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName(
      "/health/ready goes 503 when PostgreSQL goes away and 200 again by itself when it is back; /health/live stays 200")
  void readinessFollowsTheDatabase() {
    URI postgres = URI.create(TestServices.postgresUrl());
    try (TcpProxy proxy = TcpProxy.to(postgres);
        RunningPlatform node =
            RunningPlatform.start(
                Map.of(
                    "deploy",
                    "gateway",
                    "health.checkTimeoutMs",
                    "1500",
                    "pg.url",
                    postgres
                        .toString()
                        .replace(":" + postgres.getPort() + "/", ":" + proxy.port() + "/")))) {
      assertThat(node.http.get("/health/ready").send().await().statusCode()).isEqualTo(200);

      proxy.cut();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> node.http.get("/health/ready").send().await().statusCode() == 503);
      assertThat(
              statusOf(
                  node.http.get("/health/ready").send().await().bodyAsJsonObject(), "postgres"))
          .isEqualTo("DOWN");
      assertThat(node.http.get("/health/live").send().await().statusCode()).isEqualTo(200);

      proxy.restore();
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> node.http.get("/health/ready").send().await().statusCode() == 200);
    }
  }

  @Test
  @DisplayName("on shutdown, a request in flight completes; new connections are refused")
  void shutdownDrainsRequestsInFlight() throws Exception {
    RunningPlatform node =
        RunningPlatform.start(Map.of("deploy", "gateway", "gateway.requestTimeoutMs", "10000"));
    UserProfile ada =
        new UserProfile(
            UUID.randomUUID(), "ada@example.com", "Ada", List.of("customer"), Instant.now());
    CompletableFuture<Void> requestArrived = new CompletableFuture<>();
    standInUsersService(
        node,
        message -> {
          requestArrived.complete(null);
          node.platform
              .vertx()
              .setTimer(
                  1500,
                  late -> message.reply(new Session(ada, "token", Instant.now().plusSeconds(60))));
        });
    int port = java.net.URI.create(node.platform.node().url().orElseThrow()).getPort();

    Future<HttpResponse<Buffer>> inFlight =
        node.http.post("/api/v1/sessions").sendJsonObject(CREDENTIALS);
    requestArrived.get(10, TimeUnit.SECONDS);
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(node.platform::close);

    HttpResponse<Buffer> response = inFlight.await(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("token")).isEqualTo("token");
    stopping.get(30, TimeUnit.SECONDS);
    assertThat(Ports.accepts(port))
        .as("gateway still accepting connections after shutdown")
        .isFalse();
    assertThatThrownBy(() -> node.http.get("/health/live").send().await(5, TimeUnit.SECONDS))
        .isNotNull();
    node.close();
  }

  private static String statusOf(JsonObject health, String check) {
    return health.getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .filter(entry -> entry.getString("id").equals(check))
        .map(entry -> entry.getString("status"))
        .findFirst()
        .orElseThrow();
  }

  /**
   * A consumer that plays a users service, published in the registry as a real one is. It answers a probe login at
   * once, which the test sends until the gateway has heard of the service (it reloads its view on the announcement);
   * every other login goes to {@code handler}.
   */
  private static void standInUsersService(RunningPlatform node, Handler<Message<Login>> handler) {
    node.platform
        .vertx()
        .eventBus()
        .<Login>consumer(
            UsersContract.LOGIN,
            message -> {
              if (PROBE.getString("email").equals(message.body().email())) {
                message.reply(DomainFailure.of(UsersError.INVALID_CREDENTIALS, "a probe"));
              } else {
                handler.handle(message);
              }
            });
    ServiceRegistry.of(node.platform.vertx())
        .publish(UsersContract.DOMAIN, List.of(UsersContract.LOGIN))
        .await();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                node.http.post("/api/v1/sessions").sendJsonObject(PROBE).await().statusCode()
                    == 401);
  }
}
