package dev.cartwheel.launcher;

import dev.cartwheel.testkit.TestServices;
import io.vertx.core.Vertx;
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
  private final Vertx clientVertx;

  private RunningPlatform(Platform platform) {
    this.platform = platform;
    this.clientVertx = Vertx.vertx();
    URI url = URI.create(platform.node().url().orElseThrow());
    this.http = WebClient.create(clientVertx, new WebClientOptions().setDefaultHost(url.getHost()).setDefaultPort(url.getPort()));
  }

  static RunningPlatform start(Map<String, String> overrides) {
    return start("conf", overrides);
  }

  /** A node reading its files from {@code confDir} (a copy a test may edit while the node runs). */
  static RunningPlatform start(String confDir, Map<String, String> overrides) {
    Map<String, String> flags = new HashMap<>(Map.of(
      "pg.url", TestServices.postgresUrl(),
      "kafka.bootstrap", TestServices.kafkaBootstrap(),
      "http.port", "0",
      "users.hashMemoryKib", "8192",
      "users.hashIterations", "1",
      // tests send bursts from one address; RateLimitIT turns the limits on
      "rateLimits.enabled", "false"));
    flags.putAll(overrides);
    return new RunningPlatform(Platform.start(new Platform.Options(confDir, "dev", Map.of(), flags)));
  }

  /** Removes every account but the seeded administrator. */
  static void forgetCustomers() {
    TestServices.sql("DELETE FROM users.users WHERE NOT 'admin' = ANY(roles)");
  }

  static int customerCount() {
    return Integer.parseInt(TestServices.queryOne("SELECT count(*) FROM users.users WHERE NOT 'admin' = ANY(roles)"));
  }

  @Override
  public void close() {
    http.close();
    clientVertx.close().await();
    platform.close();
  }
}
