package dev.cartwheel.gateway.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.Codecs;
import dev.cartwheel.gateway.GatewayConfig;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.config.LiveConfig;
import dev.cartwheel.testkit.TestConfig;
import dev.cartwheel.testkit.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rollback window on a clock of the test's: what it counts, and what it forgets. */
@ExtendWith(VertxExtension.class)
class CanaryGuardTest {

  private static final ReleaseRoutes.Route ROUTE = new ReleaseRoutes.Route("a", "b", 50, true);
  private static final ReleaseRoutes.Rollback ROLLBACK =
      new ReleaseRoutes.Rollback(Duration.ofSeconds(10), 10, 20);

  private final AtomicLong now = new AtomicLong(1_000_000);
  private LiveConfig live;
  private CanaryGuard guard;

  @BeforeEach
  void install(Vertx vertx) {
    TestNodes.install(vertx);
    Codecs.registerAll(vertx.eventBus());
    JsonObject config =
        TestConfig.standalone(
            vertx,
            Map.of(
                "releases.routes.orders.stable", "a",
                "releases.routes.orders.canary", "b",
                "releases.routes.orders.canaryWeight", "50"));
    live = new LiveConfig(vertx, new ConfigReader(config), GatewayConfig::from);
    LiveConfig.install(vertx, live);
    live.listen().await();
    guard = new CanaryGuard(vertx, now::get);
  }

  @Test
  @DisplayName(
      "failures older than the window are forgotten: nine then one, eleven seconds apart, roll nothing back")
  void oldFailuresAreForgotten() throws InterruptedException {
    fail(9);
    now.addAndGet(11_000);
    fail(1);

    Thread.sleep(300); // a rollback is published at once: nothing may arrive
    assertThat(weight()).isEqualTo(50);
  }

  @Test
  @DisplayName(
      "ten failures within the window, the stable release failing less than the margin: rolled back")
  void failuresWithinTheWindowRollBack() {
    for (int i = 0; i < 10; i++) {
      guard.record("orders", ROUTE, ROLLBACK, "a", i == 0);
    }
    fail(9);
    now.addAndGet(5_000);
    fail(1);

    await().until(() -> weight() == 0);
  }

  @Test
  @DisplayName("a canary failing no more than the stable release plus the margin stays")
  void aCanaryAsBadAsTheStableStays() throws InterruptedException {
    for (int i = 0; i < 10; i++) {
      guard.record("orders", ROUTE, ROLLBACK, "a", i < 9);
      guard.record("orders", ROUTE, ROLLBACK, "b", true);
    }

    Thread.sleep(300); // a rollback is published at once: nothing may arrive
    assertThat(weight()).isEqualTo(50);
  }

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      guard.record("orders", ROUTE, ROLLBACK, "b", true);
    }
  }

  private int weight() {
    return live.liveValues().getInteger("releases.routes.orders.canaryWeight");
  }
}
