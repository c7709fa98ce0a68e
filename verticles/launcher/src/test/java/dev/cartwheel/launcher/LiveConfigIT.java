package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cartwheel.launcher.Shoppers.Shopper;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Live configuration on two clustered nodes in this JVM: one runs everything from a copy of conf/ that
 * the test edits, the other only a gateway. A change made through one node's admin endpoint applies on
 * both; a change in the files applies on the node that reads them; a bad change changes nothing.
 */
@Timeout(180)
class LiveConfigIT {

  private static final Duration SECONDS = Duration.ofSeconds(10);

  private static Path conf;

  /** The gateway node's conf/: its profile's file only, config.json coming from the jar. */
  private static Path profileOnlyConf;

  private static TwoNodes nodes;
  private static RunningPlatform full;
  private static RunningPlatform gatewayOnly;
  private static String admin;
  private static final ListAppender<ILoggingEvent> configLog = new ListAppender<>();

  @BeforeAll
  static void startTwoNodes() throws Exception {
    conf = Files.createTempDirectory(Path.of("target"), "live-conf-");
    // the repository's conf/, as the jar ships it
    for (String file : new String[] {"config.json", "dev.json"}) {
      try (var in = LiveConfigIT.class.getResourceAsStream("/conf/" + file)) {
        Files.copy(in, conf.resolve(file));
      }
    }
    profileOnlyConf = Files.createTempDirectory(Path.of("target"), "live-profile-only-");
    try (var in = LiveConfigIT.class.getResourceAsStream("/conf/dev.json")) {
      Files.copy(in, profileOnlyConf.resolve("dev.json"));
    }
    configLog.start();
    ((Logger) LoggerFactory.getLogger("cartwheel.config")).addAppender(configLog);
    nodes =
        TwoNodes.start(
            conf.toString(),
            profileOnlyConf.toString(),
            Map.of(
                "rateLimits.enabled", "true",
                "rateLimits.trustedProxies", "127.0.0.1",
                "rateLimits.tiers.anonymous.perSecond", "1"),
            Map.of(
                "inventory.seedDemoCatalogue",
                "false",
                "payments.simulator.latencyMs",
                "400",
                "conf.watchIntervalMs",
                "200"));
    full = nodes.full;
    gatewayOnly = nodes.gatewayOnly;
    TestServices.sql(Commerce.RESET);
    admin = Shoppers.login(full, "admin@cartwheel.dev", "cartwheel-dev-admin").token();
    Shoppers.createProduct(full, admin, "CW-MUG-01", 100);
  }

  @AfterAll
  static void stop() {
    if (nodes != null) {
      nodes.close();
    }
    RunningPlatform.forgetLiveSettings();
    ((Logger) LoggerFactory.getLogger("cartwheel.config")).detachAppender(configLog);
  }

  @Test
  @DisplayName(
      "an admin's change of a rate limit applies on every node within seconds, and says who made it")
  void adminChangesApplyEverywhere() {
    HttpResponse<Buffer> changed =
        change(full, new JsonObject().put("rateLimits.tiers.anonymous.burst", 3));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    try {
      limitedOnBothNodes(changed);
    } finally {
      change(full, new JsonObject().put("rateLimits.tiers.anonymous.burst", 60));
      await()
          .atMost(SECONDS)
          .until(() -> live(gatewayOnly).getInteger("rateLimits.tiers.anonymous.burst") == 60);
    }
  }

  private void limitedOnBothNodes(HttpResponse<Buffer> changed) {
    assertThat(changed.bodyAsJsonObject().getString("changedBy")).startsWith("administrator ");

    await()
        .atMost(SECONDS)
        .until(() -> live(gatewayOnly).getInteger("rateLimits.tiers.anonymous.burst") == 3);
    String client = "198.51.100." + (100 + (int) (Math.random() * 100));
    int allowed = 0;
    for (int i = 0; i < 6; i++) {
      HttpResponse<Buffer> response =
          gatewayOnly
              .http
              .get("/api/v1/products")
              .putHeader("X-Forwarded-For", client)
              .send()
              .await();
      assertThat(response.getHeader("RateLimit-Limit")).isEqualTo("3");
      allowed += response.statusCode() == 200 ? 1 : 0;
    }
    assertThat(allowed).isBetween(3, 4);
    assertThat(logged("rateLimits.tiers.anonymous.burst changed from 60 to 3 by administrator "))
        .as("one line per node")
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  @DisplayName(
      "a bad value, a key that is not live and an unknown key are refused with the key named; nothing changes")
  void badChangesAreRefused() {
    JsonObject before = live(full);
    JsonObject beforeOnTheOther = live(gatewayOnly);
    JsonObject refused =
        Problems.assertProblem(
            change(full, new JsonObject().put("rateLimits.tiers.customer.burst", -5)),
            400,
            "VALIDATION_FAILED");
    assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("rateLimits.tiers.customer.burst");
    Problems.assertProblem(
        change(full, new JsonObject().put("rateLimits.tiers.customer.burst", "lots")),
        400,
        "VALIDATION_FAILED");
    JsonObject notLive =
        Problems.assertProblem(
            change(full, new JsonObject().put("pg.poolSize", 2)), 400, "VALIDATION_FAILED");
    assertThat(notLive.getJsonArray("errors").getJsonObject(0).getString("message"))
        .contains("not a live key");
    Problems.assertProblem(
        change(full, new JsonObject().put("rateLimits.tiers.nobody.burst", 1)),
        400,
        "VALIDATION_FAILED");
    // read at start only: accepting it would answer "changed" and change nothing
    JsonObject formatNotLive =
        Problems.assertProblem(
            change(full, new JsonObject().put("logging.format", "json")), 400, "VALIDATION_FAILED");
    assertThat(formatNotLive.getJsonArray("errors").getJsonObject(0).getString("message"))
        .contains("not a live key");
    Problems.assertProblem(
        change(
            full, new JsonObject().put("logging.levels", new JsonArray().add("com.example=LOUD"))),
        400,
        "VALIDATION_FAILED");
    Problems.assertProblem(
        full.http
            .patch("/api/v1/admin/config")
            .bearerTokenAuthentication(Shoppers.register(full, "eve").token())
            .sendJsonObject(new JsonObject().put("rateLimits.tiers.customer.burst", 1))
            .await(),
        403,
        "FORBIDDEN");

    assertThat(live(full)).isEqualTo(before);
    assertThat(live(gatewayOnly)).isEqualTo(beforeOnTheOther);
  }

  @Test
  @DisplayName("the endpoint accepts exactly the keys whose live effect a test shows")
  void everyLiveKeyHasATestOfItsEffect() {
    // rateLimits.*: theLimitChangesOnEveryNode and RateLimitIT; gateway.requestTimeoutMs: the
    // timeout test here;
    // logging.levels: the log levels test here; gateway.breaker*: GatewayDomainCallsTest's live
    // breaker tests; releases.routes.*: ReleaseRoutingTest and ReleasesIT; releases.rollback.*:
    // ReleaseRoutingTest changes minRequests and marginPercent live (the gateway reads all three at
    // each answer; CanaryGuardTest shows the window); releases.testFaultyRelease: ReleasesIT.
    // A new live key fails this test until a test shows its effect and joins this list.
    assertThat(live(full).fieldNames())
        .allMatch(
            key ->
                key.startsWith("rateLimits.")
                    || key.startsWith("releases.routes.")
                    || key.startsWith("releases.rollback.")
                    || Set.of(
                            "releases.testFaultyRelease",
                            "gateway.requestTimeoutMs",
                            "logging.levels",
                            "gateway.breakerMaxFailures",
                            "gateway.breakerResetMs")
                        .contains(key))
        .contains("gateway.breakerResetMs", "logging.levels")
        .doesNotContain("logging.format");
  }

  @Test
  @DisplayName(
      "the gateway's timeout changes live: a tighter one turns a slow order into a 504, a looser one lets it through")
  void timeoutsChangeLive() {
    Shoppers.Shopper ada = Shoppers.register(full, "ada");
    change(full, new JsonObject().put("gateway.requestTimeoutMs", 150));
    await().atMost(SECONDS).until(() -> live(full).getInteger("gateway.requestTimeoutMs") == 150);
    Problems.assertProblem(placeOrder(ada), 504, "UPSTREAM_TIMEOUT");

    change(full, new JsonObject().put("gateway.requestTimeoutMs", 5000));
    await().atMost(SECONDS).until(() -> live(full).getInteger("gateway.requestTimeoutMs") == 5000);
    assertThat(placeOrder(ada).statusCode()).isBetween(201, 202);
  }

  @Test
  @DisplayName("log levels change live, and go back when taken out of the list")
  void logLevelsChangeLive() {
    org.slf4j.Logger gatewayLog =
        LoggerFactory.getLogger("dev.cartwheel.gateway.problems.Problems");
    assertThat(gatewayLog.isDebugEnabled()).isFalse();
    change(
        gatewayOnly,
        new JsonObject().put("logging.levels", new JsonArray().add("dev.cartwheel.gateway=DEBUG")));
    await().atMost(SECONDS).until(gatewayLog::isDebugEnabled);
    change(gatewayOnly, new JsonObject().put("logging.levels", new JsonArray()));
    await().atMost(SECONDS).until(() -> !gatewayLog.isDebugEnabled());
  }

  @Test
  @DisplayName(
      "an edit of conf/ applies its live keys to the node that reads it; a broken edit changes nothing")
  void fileChangesApply() throws Exception {
    Path dev = conf.resolve("dev.json");
    String original = Files.readString(dev);
    try {
      JsonObject edited =
          new JsonObject(original)
              .put(
                  "rateLimits",
                  new JsonObject()
                      .put(
                          "tiers",
                          new JsonObject().put("admin", new JsonObject().put("burst", 777))));
      edited.getJsonObject("users").put("hashThreads", 3);
      Files.writeString(dev, edited.encodePrettily());
      await()
          .atMost(SECONDS)
          .until(() -> live(full).getInteger("rateLimits.tiers.admin.burst") == 777);
      assertThat(logged("rateLimits.tiers.admin.burst changed from 600 to 777 by the files in "))
          .isEqualTo(1);
      assertThat(logged("users.hashThreads changed in "))
          .as("not live: waits for a restart")
          .isEqualTo(1);

      Files.writeString(
          dev,
          edited
              .put(
                  "rateLimits",
                  new JsonObject()
                      .put(
                          "tiers",
                          new JsonObject().put("admin", new JsonObject().put("burst", "a lot"))))
              .encodePrettily());
      await().atMost(SECONDS).until(() -> logged("refused on this node, the old values stay") > 0);
      assertThat(live(full).getInteger("rateLimits.tiers.admin.burst")).isEqualTo(777);
    } finally {
      Files.writeString(dev, original);
    }
  }

  @Test
  @DisplayName(
      "a conf/ holding only the profile's file (config.json from the jar) is watched too: its edit applies")
  void aProfileFileAloneIsWatched() throws Exception {
    Path dev = profileOnlyConf.resolve("dev.json");
    String original = Files.readString(dev);
    try {
      Files.writeString(
          dev,
          new JsonObject(original)
              .put(
                  "rateLimits",
                  new JsonObject()
                      .put(
                          "tiers",
                          new JsonObject().put("admin", new JsonObject().put("burst", 555))))
              .encodePrettily());
      await()
          .atMost(SECONDS)
          .until(() -> live(gatewayOnly).getInteger("rateLimits.tiers.admin.burst") == 555);
      assertThat(
              logged(
                  "rateLimits.tiers.admin.burst changed from 600 to 555 by the files in "
                      + profileOnlyConf))
          .isEqualTo(1);
    } finally {
      Files.writeString(dev, original);
    }
  }

  @Test
  @DisplayName(
      "an admin's change is stored with who and when; the gateway node restarted and a node that joins later both start with it, and say where each value comes from")
  void liveChangesOutliveTheNodes() {
    String key = "rateLimits.tiers.customer.burst";
    HttpResponse<Buffer> changed = change(full, new JsonObject().put(key, 77));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    assertThat(
            TestServices.queryOne(
                "SELECT value::text || ' ' || changed_by FROM settings.live_settings WHERE key = '"
                    + key
                    + "' ORDER BY seq DESC LIMIT 1"))
        .startsWith("77 administrator ");

    gatewayOnly = nodes.restartGateway();
    RunningPlatform late = nodes.joinAnotherGateway();

    for (RunningPlatform node : List.of(gatewayOnly, late)) {
      JsonObject settings = settings(node);
      assertThat(settings.getJsonObject(key).getInteger("value")).isEqualTo(77);
      assertThat(settings.getJsonObject(key).getString("origin")).isEqualTo("live");
      assertThat(settings.getJsonObject(key).getString("changedBy")).startsWith("administrator ");
      assertThat(Instant.parse(settings.getJsonObject(key).getString("changedAt")))
          .isBefore(Instant.now());
      assertThat(settings.getJsonObject("rateLimits.tiers.anonymous.perSecond").getString("origin"))
          .as("set by a flag")
          .isEqualTo("environment");
      assertThat(settings.getJsonObject("gateway.breakerMaxFailures").getString("origin"))
          .isEqualTo("file");
      Shopper shopper = Shoppers.register(node, "settings");
      assertThat(
              node.http
                  .get("/api/v1/users/me")
                  .bearerTokenAuthentication(shopper.token())
                  .send()
                  .await()
                  .getHeader("RateLimit-Limit"))
          .as("the gateway applies it, not only shows it")
          .isEqualTo("77");
    }
  }

  private static JsonObject settings(RunningPlatform node) {
    HttpResponse<Buffer> response =
        node.http.get("/api/v1/admin/config").bearerTokenAuthentication(admin).send().await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonObject("settings");
  }

  private static HttpResponse<Buffer> change(RunningPlatform node, JsonObject changes) {
    return node.http
        .patch("/api/v1/admin/config")
        .bearerTokenAuthentication(admin)
        .sendJsonObject(changes)
        .await();
  }

  private static JsonObject live(RunningPlatform node) {
    HttpResponse<Buffer> response =
        node.http.get("/api/v1/admin/config").bearerTokenAuthentication(admin).send().await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonObject("live");
  }

  private static HttpResponse<Buffer> placeOrder(Shoppers.Shopper shopper) {
    return Shoppers.order(full.http, shopper.token(), "CW-MUG-01", 1, "tok_visa");
  }

  private static long logged(String text) {
    return configLog.list.stream()
        .filter(event -> event.getFormattedMessage().contains(text))
        .count();
  }
}
