package dev.cartwheel.gateway.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.Headers;
import dev.cartwheel.codecs.users.Login;
import dev.cartwheel.codecs.users.Session;
import dev.cartwheel.codecs.users.UserProfile;
import dev.cartwheel.codecs.users.UsersContract;
import dev.cartwheel.codecs.users.UsersError;
import dev.cartwheel.runtime.config.LiveConfig;
import dev.cartwheel.runtime.discovery.ServiceRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How the gateway calls domains over the event bus, with the users addresses answered by stand-ins
 * registered in this test: what a client sees when a domain is missing, slow, failing or broken.
 * (The real users domain behind the gateway is covered end to end by the launcher's PlatformIT.)
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class GatewayDomainCallsTest {

  private static final JsonObject CREDENTIALS =
      new JsonObject().put("email", "ada@example.com").put("password", "analytical-engine-1843");

  private Vertx vertx;
  private LiveConfig live;
  private WebClient client;
  private String usersRecord;

  @BeforeEach
  void deployGateway(Vertx vertx) {
    this.vertx = vertx;
    live =
        StandaloneGateway.prepare(
            vertx,
            Map.of(
                "gateway.requestTimeoutMs", "300",
                "gateway.breakerMaxFailures", "3",
                "gateway.breakerResetMs", "1000",
                // these tests count breaker failures with repeated wrong logins; SignInThrottleTest
                // counts the throttle's
                "loginThrottle.enabled", "false"));
    // the stand-ins below play a users service: its instance is in the registry, as a real one's is
    usersRecord =
        ServiceRegistry.of(vertx)
            .publish(UsersContract.DOMAIN, List.of(UsersContract.LOGIN))
            .await();
    client = StandaloneGateway.deploy(vertx, live);
  }

  @Test
  @DisplayName("no users service running: 503 problem, fast, with Retry-After")
  void noConsumerIsServiceUnavailable() {
    HttpResponse<Buffer> response = login();

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("No users service is running.");
  }

  @Test
  @DisplayName("no users instance in the service registry: 503 at once, and no request is sent")
  void noRegisteredInstanceIsRefusedWithoutARequest() {
    ServiceRegistry.of(vertx).withdraw(usersRecord).await();
    await().atMost(Duration.ofSeconds(5)).until(() -> login().statusCode() == 503);
    AtomicInteger received = new AtomicInteger();
    vertx.eventBus().consumer(UsersContract.LOGIN, message -> received.incrementAndGet());

    HttpResponse<Buffer> response = login();

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("No users service is running.");
    assertThat(received)
        .as("the gateway sent nothing to a consumer the registry does not know")
        .hasValue(0);
  }

  @Test
  @DisplayName("a users service that never answers: 504 after the configured timeout")
  void silentConsumerIsGatewayTimeout() {
    vertx.eventBus().consumer(UsersContract.LOGIN, message -> {});

    long start = System.nanoTime();
    HttpResponse<Buffer> response = login();

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("UPSTREAM_TIMEOUT");
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
  }

  @Test
  @DisplayName(
      "repeated infrastructure failures open the breaker; it closes again once the domain is back")
  void breakerOpensAndRecovers() {
    for (int i = 0; i < 3; i++) {
      assertThat(login().bodyAsJsonObject().getString("detail"))
          .isEqualTo("No users service is running.");
    }
    MessageConsumer<Login> users = answerLogins();

    HttpResponse<Buffer> paused = login();
    assertThat(paused.statusCode()).isEqualTo(503);
    assertThat(paused.bodyAsJsonObject().getString("detail")).contains("requests to it are paused");
    assertThat(paused.getHeader("Retry-After")).isEqualTo("1");

    // refused at once while open (a refusal does not extend it); let through once it half-opens
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> login().statusCode() == 200);
    users.unregister().await();
  }

  @Test
  @DisplayName("a domain's own failures (e.g. wrong credentials) never open the breaker")
  void domainFailuresKeepTheBreakerClosed() {
    vertx
        .eventBus()
        .<Login>consumer(
            UsersContract.LOGIN,
            message ->
                message.reply(
                    DomainFailure.of(
                        UsersError.INVALID_CREDENTIALS,
                        "The e-mail address or the password is wrong.")));

    for (int i = 0; i < 6; i++) {
      HttpResponse<Buffer> response = login();
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("INVALID_CREDENTIALS");
    }
  }

  @Test
  @DisplayName(
      "a domain that says it is busy gives 503 with Retry-After, and that does not open the breaker either")
  void busyDomainIs503WithRetryAfter() {
    vertx
        .eventBus()
        .<Login>consumer(
            UsersContract.LOGIN,
            message ->
                message.reply(
                    DomainFailure.of(
                        UsersError.BUSY,
                        "Too many password checks at once; try again in a moment.")));

    for (int i = 0; i < 6; i++) {
      HttpResponse<Buffer> response = login();
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.getHeader("Retry-After")).isEqualTo("1");
      assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("BUSY");
    }
  }

  @Test
  @DisplayName("a consumer that fails in an unknown way gives a 500 that reveals nothing of it")
  void unknownFailureIsAnOpaque500() {
    vertx
        .eventBus()
        .consumer(
            UsersContract.LOGIN,
            message -> message.fail(42, "NullPointerException in LoginHandler.java:12"));

    HttpResponse<Buffer> response = login();

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.bodyAsJsonObject().getString("code")).isEqualTo("INTERNAL_ERROR");
    assertThat(response.bodyAsString())
        .doesNotContain("NullPointer")
        .doesNotContain("LoginHandler");
  }

  @Test
  @DisplayName(
      "the request id is the client's when it is sane, a new one otherwise, and reaches the domain")
  void requestIdsTravel() {
    List<String> seenByDomain = new ArrayList<>();
    vertx
        .eventBus()
        .<Login>consumer(
            UsersContract.LOGIN,
            message -> {
              seenByDomain.add(message.headers().get(Headers.REQUEST_ID));
              message.reply(DomainFailure.of(UsersError.INVALID_CREDENTIALS, "wrong"));
            });

    HttpResponse<Buffer> chosen =
        client
            .post("/api/v1/sessions")
            .putHeader("X-Request-Id", "shop-front-42")
            .sendJsonObject(CREDENTIALS)
            .await();
    HttpResponse<Buffer> hostile =
        client
            .post("/api/v1/sessions")
            .putHeader("X-Request-Id", "bad id <script>alert(1)</script>")
            .sendJsonObject(CREDENTIALS)
            .await();

    assertThat(chosen.getHeader("X-Request-Id")).isEqualTo("shop-front-42");
    assertThat(chosen.bodyAsJsonObject().getString("requestId")).isEqualTo("shop-front-42");
    assertThat(hostile.getHeader("X-Request-Id")).matches("[0-9a-f-]{36}");
    assertThat(seenByDomain).containsExactly("shop-front-42", hostile.getHeader("X-Request-Id"));
  }

  private MessageConsumer<Login> answerLogins() {
    UserProfile ada =
        new UserProfile(
            UUID.randomUUID(), "ada@example.com", "Ada", List.of("customer"), Instant.now());
    return vertx
        .eventBus()
        .consumer(
            UsersContract.LOGIN,
            message -> message.reply(new Session(ada, "token", Instant.now().plusSeconds(60))));
  }

  @Test
  @DisplayName(
      "a breaker threshold changed live applies to the next calls: lowered to one, one failure opens it")
  void breakerThresholdsChangeLive() {
    assertThat(login().bodyAsJsonObject().getString("detail"))
        .isEqualTo("No users service is running.");
    assertThat(login().bodyAsJsonObject().getString("detail"))
        .as("3 failures open it, not 2")
        .isEqualTo("No users service is running.");

    assertThat(live.applyFileEdit(new JsonObject().put("gateway.breakerMaxFailures", 1), "a test"))
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              login();
              assertThat(login().bodyAsJsonObject().getString("detail"))
                  .contains("requests to it are paused");
            });
  }

  @Test
  @DisplayName(
      "a breaker reset changed live applies: an open breaker then stays open longer than the old reset")
  void breakerResetChangesLive() throws InterruptedException {
    assertThat(live.applyFileEdit(new JsonObject().put("gateway.breakerResetMs", 60_000), "a test"))
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              login();
              assertThat(login().bodyAsJsonObject().getString("detail"))
                  .contains("requests to it are paused");
            });
    MessageConsumer<Login> users = answerLogins();

    // a sleep, not a poll: the test is that nothing changes past the old reset (1000 ms), which
    // would let the next call through
    Thread.sleep(1100);
    assertThat(login().bodyAsJsonObject().getString("detail"))
        .contains("requests to it are paused");
    users.unregister().await();
  }

  private HttpResponse<Buffer> login() {
    return client.post("/api/v1/sessions").sendJsonObject(CREDENTIALS).await();
  }
}
