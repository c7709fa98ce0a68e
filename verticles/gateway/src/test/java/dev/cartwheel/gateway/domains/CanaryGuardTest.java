package dev.cartwheel.gateway.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.runtime.config.LiveConfig;
import dev.cartwheel.runtime.node.Node;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Vertx;
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
  private Vertx vertx;
  private LiveConfig live;
  private CanaryGuard guard;

  @BeforeEach
  void install(Vertx vertx) {
    this.vertx = vertx;
    live =
        StandaloneGateway.prepare(
            vertx,
            Map.of(
                "releases.routes.orders.stable", "a",
                "releases.routes.orders.canary", "b",
                "releases.routes.orders.canaryWeight", "50"));
    guard = new CanaryGuard(vertx, now::get);
  }

  @Test
  @DisplayName(
      "failures older than the window are forgotten: nine then one, eleven seconds apart, roll nothing back")
  void oldFailuresAreForgotten() {
    fail(9);
    now.addAndGet(11_000);
    fail(1);

    assertThat(rollbacks()).isZero();
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

    assertThat(rollbacks()).isEqualTo(1);
    await().until(() -> weight() == 0);
  }

  @Test
  @DisplayName("a canary failing no more than the stable release plus the margin stays")
  void aCanaryAsBadAsTheStableStays() {
    for (int i = 0; i < 10; i++) {
      guard.record("orders", ROUTE, ROLLBACK, "a", i < 9);
      guard.record("orders", ROUTE, ROLLBACK, "b", true);
    }

    assertThat(rollbacks()).isZero();
  }

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      guard.record("orders", ROUTE, ROLLBACK, "b", true);
    }
  }

  /** The guard decides within record(): its count of rollbacks is there at once, the change shortly after. */
  private double rollbacks() {
    Counter counter =
        Node.of(vertx)
            .meters()
            .find("cartwheel.releases.rollbacks")
            .tag("domain", "orders")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private int weight() {
    return live.liveValues().getInteger("releases.routes.orders.canaryWeight");
  }
}
