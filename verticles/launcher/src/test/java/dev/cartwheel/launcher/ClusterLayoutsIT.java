package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwheel.launcher.ClusterNodes.Member;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same jar and the same scenario in three layouts, chosen by configuration only: everything in one
 * JVM, three JVMs each running everything, and three JVMs by role ({@link SecureClusterIT}, with mutual TLS
 * on the event bus).
 */
@Timeout(600)
class ClusterLayoutsIT {

  @Test
  @DisplayName("all in one JVM: the scenario passes")
  void allInOneJvm() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start("one-jvm", false, Map.of(), "all")) {
      ClusterScenario.run(cluster);
    }
  }

  @Test
  @DisplayName("three JVMs each running everything: the same scenario passes")
  void threeJvmsEachRunningEverything() throws Exception {
    try (ClusterNodes cluster =
        ClusterNodes.start("everything", true, Map.of(), "all", "all", "all")) {
      ClusterScenario.run(cluster);
      for (Member member : cluster.members()) {
        assertThat(cluster.info(member).getInteger("clusterMembers")).isEqualTo(3);
      }
    }
  }
}
