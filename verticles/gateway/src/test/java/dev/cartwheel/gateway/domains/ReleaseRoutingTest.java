package dev.cartwheel.gateway.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.CommonError;
import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.users.UsersContract;
import dev.cartwheel.codecs.users.UsersError;
import dev.cartwheel.runtime.bus.Releases;
import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.LiveConfig;
import dev.cartwheel.runtime.discovery.ServiceRegistry;
import dev.cartwheel.runtime.node.Node;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Release routes at the gateway, with two stand-in releases of the users domain ("a" and "b") answering
 * logins on their release addresses: the split, blue-green, and the automatic rollback of a faulty
 * canary. (Real releases on real JVMs: the launcher's ReleasesIT.)
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ReleaseRoutingTest {

  private static final JsonObject CREDENTIALS =
      new JsonObject().put("email", "ada@example.com").put("password", "analytical-engine-1843");

  private Vertx vertx;
  private LiveConfig live;
  private WebClient client;
  private final AtomicBoolean canaryFails = new AtomicBoolean();

  @BeforeEach
  void deployGateway(Vertx vertx) {
    this.vertx = vertx;
    live =
        StandaloneGateway.prepare(
            vertx, Map.of("loginThrottle.enabled", "false", "rateLimits.enabled", "false"));
    ServiceRegistry.of(vertx).publish(UsersContract.DOMAIN, List.of(UsersContract.LOGIN)).await();
    // a domain's own refusal (401) proves the release answered; the faulty canary fails with 500
    vertx
        .eventBus()
        .consumer(
            Releases.address(UsersContract.LOGIN, "a"),
            message -> message.reply(DomainFailure.of(UsersError.INVALID_CREDENTIALS, "wrong")));
    vertx
        .eventBus()
        .consumer(
            Releases.address(UsersContract.LOGIN, "b"),
            message ->
                message.reply(
                    canaryFails.get()
                        ? DomainFailure.of(CommonError.INTERNAL_ERROR, "broken")
                        : DomainFailure.of(UsersError.INVALID_CREDENTIALS, "wrong")));
    client = StandaloneGateway.deploy(vertx, live);
  }

  @Test
  @DisplayName("a sticky route gives each user one release, and the canary its weight of the users")
  void stickySplit() {
    ReleaseRoutes.Route route = new ReleaseRoutes.Route("a", "b", 20, true);
    Map<String, Integer> users = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      UUID user = UUID.randomUUID();
      String release = route.pick(user);
      assertThat(IntStream.range(0, 5).mapToObj(again -> route.pick(user)))
          .as("every pick of one user")
          .containsOnly(release);
      assertThat(release).isEqualTo(ReleaseRoutes.bucket(user) < 20 ? "b" : "a");
      users.merge(release, 1, Integer::sum);
    }
    assertThat(users.get("b")).isBetween(1_800, 2_200);
    assertThat(new ReleaseRoutes.Route("", "", 0, true).pick(UUID.randomUUID()))
        .as("no stable release: no route")
        .isNull();
  }

  @Test
  @DisplayName("a route that cannot work is refused, naming the key")
  void badRoutesAreRefused() {
    assertThatThrownBy(() -> change(Map.of("releases.routes.users.canary", "b")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("releases.routes.users.canary")
        .hasMessageContaining("stable");
    assertThatThrownBy(
            () ->
                change(
                    Map.of(
                        "releases.routes.users.stable",
                        "a",
                        "releases.routes.users.canaryWeight",
                        5)))
        .hasMessageContaining("releases.routes.users.canaryWeight");
    assertThatThrownBy(
            () ->
                change(
                    Map.of(
                        "releases.routes.users.stable", "a", "releases.routes.users.canary", "a")))
        .hasMessageContaining("must differ");
    assertThatThrownBy(() -> change(Map.of("releases.routes.users.stable", "a b")))
        .hasMessageContaining("release label");
    assertThatThrownBy(() -> change(Map.of("releases.routes.users.canaryWeight", 101)))
        .hasMessageContaining("releases.routes.users.canaryWeight");
  }

  @Test
  @DisplayName(
      "blue-green: weight 100 sends everything to the new release, weight 0 everything back")
  void blueGreen() {
    assertThat(login().getHeader(DomainClient.RELEASE_HEADER)).as("no route").isNull();

    publish(
        Map.of(
            "releases.routes.users.stable",
            "a",
            "releases.routes.users.canary",
            "b",
            "releases.routes.users.canaryWeight",
            100));
    await().until(() -> "b".equals(login().getHeader(DomainClient.RELEASE_HEADER)));
    assertThat(IntStream.range(0, 20).mapToObj(i -> release(login()))).containsOnly("b");
    assertThat(
            client
                .get("/info")
                .send()
                .await()
                .bodyAsJsonObject()
                .getJsonObject("releaseRoutes")
                .getJsonObject("users")
                .getJsonObject("weights"))
        .isEqualTo(new JsonObject().put("a", 0).put("b", 100));

    publish(Map.of("releases.routes.users.canaryWeight", 0));
    await().until(() -> "a".equals(login().getHeader(DomainClient.RELEASE_HEADER)));
    assertThat(IntStream.range(0, 20).mapToObj(i -> release(login()))).containsOnly("a");
  }

  @Test
  @DisplayName("a release with no instance running: 503 naming the release, counted against it")
  void releaseWithoutInstance() {
    publish(
        Map.of(
            "releases.routes.users.stable",
            "a",
            "releases.routes.users.canary",
            "c",
            "releases.routes.users.canaryWeight",
            100,
            "releases.rollback.minRequests",
            10));
    await().until(() -> "c".equals(login().getHeader(DomainClient.RELEASE_HEADER)));

    HttpResponse<Buffer> response = login();

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.bodyAsJsonObject().getString("detail"))
        .isEqualTo("No users service of release c is running.");
    IntStream.range(0, 10).forEach(i -> login());
    await().until(() -> live.liveValues().getInteger("releases.routes.users.canaryWeight") == 0);
  }

  @Test
  @DisplayName(
      "a canary failing more than the stable release by the margin (both set live) is set back to weight 0, with who and why")
  void faultyCanaryIsRolledBack() {
    canaryFails.set(true);
    // the rollback's settings change live too: 10 answers instead of the default 20
    publish(
        Map.of(
            "releases.routes.users.stable", "a",
            "releases.routes.users.canary", "b",
            "releases.routes.users.canaryWeight", 50,
            "releases.rollback.minRequests", 10,
            "releases.rollback.marginPercent", 20));
    await().until(() -> live.liveValues().getInteger("releases.routes.users.canaryWeight") == 50);

    int canaryFailures = 0;
    while (live.liveValues().getInteger("releases.routes.users.canaryWeight") == 50) {
      HttpResponse<Buffer> response = login();
      if (response.statusCode() == 500) {
        assertThat(release(response)).isEqualTo("b");
        canaryFailures++;
      }
      // the rollback applies a few milliseconds after the answer that decided it; 20 would be the
      // default's
      assertThat(canaryFailures).as("canary failures before the rollback").isLessThan(20);
    }
    assertThat(canaryFailures)
        .as("no rollback before releases.rollback.minRequests")
        .isGreaterThanOrEqualTo(10);

    JsonObject weight = live.settings().getJsonObject("releases.routes.users.canaryWeight");
    assertThat(weight.getInteger("value")).isZero();
    assertThat(weight.getString("changedBy")).isEqualTo(CanaryGuard.CHANGED_BY);
    assertThat(
            Node.of(vertx)
                .meters()
                .get("cartwheel.releases.rollbacks")
                .tag("domain", "users")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(IntStream.range(0, 20).mapToObj(i -> login()))
        .allSatisfy(
            response -> {
              assertThat(response.statusCode()).isEqualTo(401);
              assertThat(release(response)).isEqualTo("a");
            });
  }

  private void change(Map<String, Object> changes) {
    live.check(new JsonObject(changes));
  }

  private void publish(Map<String, Object> changes) {
    live.publish(new JsonObject(changes), "test", "ReleaseRoutingTest").await();
  }

  private static String release(HttpResponse<Buffer> response) {
    return response.getHeader(DomainClient.RELEASE_HEADER);
  }

  private HttpResponse<Buffer> login() {
    return client.post("/api/v1/sessions").sendJsonObject(CREDENTIALS).await();
  }
}
