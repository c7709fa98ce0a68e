package dev.cartwheel.launcher;

import dev.cartwheel.testkit.TestServices;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A whole node started in the test JVM through the launcher's own {@link Platform}, against the shared
 * test PostgreSQL and Kafka, with an HTTP client aimed at its gateway. Close it in {@code @AfterAll}.
 */
final class RunningPlatform implements AutoCloseable {

  final Platform platform;
  final WebClient http;

  /** Like {@link #http}, with as many connections as a burst needs (http has 5, the default). */
  final WebClient burstHttp;

  private final Vertx clientVertx;

  private RunningPlatform(Platform platform) {
    this.platform = platform;
    this.clientVertx = Vertx.vertx();
    URI url = URI.create(platform.node().url().orElseThrow());
    this.http =
        WebClient.create(
            clientVertx,
            new WebClientOptions().setDefaultHost(url.getHost()).setDefaultPort(url.getPort()));
    this.burstHttp =
        WebClient.create(
            clientVertx,
            new WebClientOptions().setDefaultHost(url.getHost()).setDefaultPort(url.getPort()),
            new PoolOptions().setHttp1MaxSize(64));
  }

  static RunningPlatform start(Map<String, String> overrides) {
    return start("conf", overrides);
  }

  /** A node reading its files from {@code confDir} (a copy a test may edit while the node runs). */
  static RunningPlatform start(String confDir, Map<String, String> overrides) {
    return start(confDir, overrides, null);
  }

  /** A node that traces with {@code telemetry} (a test's in-memory exporter) instead of its configured tracing. */
  static RunningPlatform start(
      String confDir, Map<String, String> overrides, OpenTelemetry telemetry) {
    forgetLiveSettings();
    return startKeepingLiveSettings(confDir, overrides, telemetry);
  }

  /** Like {@link #start(String, Map)}, applying the live settings earlier nodes stored (a restart). */
  static RunningPlatform startKeepingLiveSettings(String confDir, Map<String, String> overrides) {
    return startKeepingLiveSettings(confDir, overrides, null);
  }

  /**
   * Forgets the admin endpoint's stored changes: a node started by a test runs with its files and flags
   * alone, whatever an earlier test changed live.
   */
  static void forgetLiveSettings() {
    TestServices.sql(
        "DO $$ BEGIN IF to_regclass('settings.live_settings') IS NOT NULL"
            + " THEN TRUNCATE settings.live_settings; END IF; END $$");
  }

  private static RunningPlatform startKeepingLiveSettings(
      String confDir, Map<String, String> overrides, OpenTelemetry telemetry) {
    Map<String, String> flags =
        new HashMap<>(
            Map.of(
                "pg.url", TestServices.postgresUrl(),
                "kafka.bootstrap", TestServices.kafkaBootstrap(),
                "http.port", "0",
                "users.hashMemoryKib", "8192",
                "users.hashIterations", "1",
                // tests send bursts from one address; RateLimitIT turns the limits on
                "rateLimits.enabled", "false",
                "loginThrottle.enabled", "false"));
    flags.putAll(overrides);
    Platform platform = Platform.create().tracingWith(telemetry);
    platform.boot(new Platform.Options(confDir, "dev", Map.of(), flags));
    return new RunningPlatform(platform);
  }

  /** Removes every account but the seeded administrator. */
  static void forgetCustomers() {
    TestServices.sql("DELETE FROM users.users WHERE NOT 'admin' = ANY(roles)");
  }

  static int customerCount() {
    return Integer.parseInt(
        TestServices.queryOne("SELECT count(*) FROM users.users WHERE NOT 'admin' = ANY(roles)"));
  }

  @Override
  public void close() {
    http.close();
    burstHttp.close();
    clientVertx.close().await();
    platform.close();
  }
}
