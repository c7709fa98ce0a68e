package dev.cartwheel.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigLoader;
import dev.cartwheel.runtime.config.ConfigReader;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The payment provider is chosen, not defaulted, where it matters: conf/'s prod profile sets none. */
class PaymentsConfigTest {

  /** What a node is given anyway (in dev, the embedded services would), so that only the provider counts. */
  private static final Map<String, String> NODE =
      Map.of(
          "pg.url", "postgresql://cartwheel@127.0.0.1:5432/cartwheel",
          "kafka.bootstrap", "127.0.0.1:9092");

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName("prod refuses to start without a provider, names the key, and starts with one")
  void prodNeedsAProvider() {
    assertThatThrownBy(() -> PaymentsConfig.from(load("prod", NODE)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "payments.provider (CARTWHEEL_PAYMENTS_PROVIDER): is required in profile 'prod'");
    Map<String, String> chosen = new HashMap<>(NODE);
    chosen.put("payments.provider", "simulated");
    assertThat(PaymentsConfig.from(load("prod", chosen)).provider()).isEqualTo("simulated");
  }

  @Test
  @DisplayName(
      "dev runs the simulated provider; an unknown provider is refused with the known ones")
  void devAndUnknownProviders() {
    assertThat(PaymentsConfig.from(load("dev", NODE)).provider()).isEqualTo("simulated");
    Map<String, String> unknown = new HashMap<>(NODE);
    unknown.put("payments.provider", "stripe");
    assertThatThrownBy(() -> PaymentsConfig.from(load("dev", unknown)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is \"stripe\"; the providers are [simulated]");
  }

  private static ConfigReader load(String profile, Map<String, String> flags) {
    return ConfigLoader.load(
            vertx, new ConfigLoader.Sources("../../conf", profile, Map.of(), flags))
        .await();
  }
}
