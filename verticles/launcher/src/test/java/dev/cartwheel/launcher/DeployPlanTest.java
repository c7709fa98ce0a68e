package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwheel.runtime.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeployPlanTest {

  @Test
  void allMeansEveryVerticleOnce() {
    assertThat(DeployPlan.parse(List.of("all")).toString())
        .isEqualTo(
            "users x1, inventory x1, payments x1, orders x1, notifications x1, bridge x1, gateway x1");
  }

  @Test
  @DisplayName("instances are counted per name, and domains always deploy before the gateway")
  void namesWithInstanceCountsInDeploymentOrder() {
    DeployPlan plan = DeployPlan.parse(List.of("gateway:2", "orders", " users "));

    assertThat(plan.toString()).isEqualTo("users x1, orders x1, gateway x2");
    assertThat(plan.deploys("users")).isTrue();
    assertThat(plan.deploys("payments")).isFalse();
  }

  @Test
  void allCanBeCombinedWithCounts() {
    assertThat(DeployPlan.parse(List.of("all", "gateway:3")).toString())
        .isEqualTo(
            "users x1, inventory x1, payments x1, orders x1, notifications x1, bridge x1, gateway x3");
  }

  @Test
  void anUnknownVerticleNamesTheKeyAndTheKnownNames() {
    assertThatThrownBy(() -> DeployPlan.parse(List.of("users", "payment")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "deploy (CARTWHEEL_VERTICLES): unknown verticle 'payment' (known: all, users, inventory, payments, orders, notifications, bridge, gateway)");
  }

  @Test
  void aBadInstanceCountIsRefused() {
    for (String entry : List.of("users:0", "users:many", "users:2:3", "users:65", "users:")) {
      assertThatThrownBy(() -> DeployPlan.parse(List.of(entry)))
          .as(entry)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("'" + entry + "' is not name or name:instances");
    }
  }

  @Test
  void anEmptyPlanIsRefused() {
    assertThatThrownBy(() -> DeployPlan.parse(List.of()))
        .hasMessageStartingWith("deploy (CARTWHEEL_VERTICLES): names no verticle");
  }
}
