package dev.cartwheel.testkit;

import dev.cartwheel.runtime.config.ConfigLoader;
import dev.cartwheel.runtime.config.ConfigReader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The shipped configuration (conf/, dev profile) for tests: an ephemeral HTTP port, a cheaper (still
 * real) argon2id cost, and, with {@link #forServices}, the shared test PostgreSQL and Kafka.
 */
public final class TestConfig {

  private static final Map<String, String> TEST_DEFAULTS =
      Map.of(
          "http.port", "0",
          "users.hashMemoryKib", "8192",
          "users.hashIterations", "1");

  private TestConfig() {}

  /** Configuration that needs no running services (e.g. a gateway on its own). */
  public static JsonObject standalone(Vertx vertx, Map<String, String> overrides) {
    return load(vertx, with(overrides)).json();
  }

  /** Configuration pointed at the shared test PostgreSQL and Kafka, started on first use. */
  public static JsonObject forServices(Vertx vertx, Map<String, String> overrides) {
    Map<String, String> flags =
        with(
            Map.of(
                "pg.url", TestServices.postgresUrl(),
                "kafka.bootstrap", TestServices.kafkaBootstrap()));
    flags.putAll(overrides);
    return load(vertx, flags).json();
  }

  /** Blocks until loaded: for test threads (JUnit's), never for an event loop. */
  public static ConfigReader load(Vertx vertx, Map<String, String> flags) {
    return ConfigLoader.load(vertx, new ConfigLoader.Sources("conf", "dev", Map.of(), flags))
        .await();
  }

  private static Map<String, String> with(Map<String, String> overrides) {
    Map<String, String> flags = new HashMap<>(TEST_DEFAULTS);
    flags.putAll(overrides);
    return flags;
  }
}
