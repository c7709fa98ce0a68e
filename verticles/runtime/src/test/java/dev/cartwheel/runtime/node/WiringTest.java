package dev.cartwheel.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwheel.runtime.bus.ClusterRouting;
import dev.cartwheel.runtime.config.LiveConfig;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nothing is invented for a Vert.x the launcher (or a test) did not wire: asking fails, naming what to install. */
@ExtendWith(VertxExtension.class)
class WiringTest {

  @Test
  @DisplayName(
      "a Vert.x without a node or live configuration says what is missing and who installs it")
  void missingPiecesAreNamed(Vertx vertx) {
    assertThatThrownBy(() -> Node.of(vertx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No Node is installed")
        .hasMessageContaining("Node.install")
        .hasMessageContaining("TestNodes.install");
    assertThatThrownBy(() -> LiveConfig.of(vertx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No LiveConfig is installed")
        .hasMessageContaining("LiveConfig.install");
  }

  @Test
  @DisplayName(
      "a Vert.x that is not clustered routes locally: there is no cluster routing to leave")
  void aStandaloneVertxRoutesLocally(Vertx vertx) {
    assertThat(ClusterRouting.of(vertx)).isSameAs(ClusterRouting.LOCAL);
  }
}
