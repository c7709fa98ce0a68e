package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.launcher.ClusterNodes.Member;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same jar and the same scenario in three layouts, chosen by configuration only: everything in one
 * JVM, three JVMs by role, and three JVMs each running everything.
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
  @DisplayName(
      "three JVMs by role (gateway,users | orders,payments | inventory,notifications,bridge): the same scenario passes, each domain works where it runs")
  void threeJvmsByRole() throws Exception {
    try (ClusterNodes cluster =
        ClusterNodes.start(
            "by-role",
            true,
            Map.of(),
            "gateway,users",
            "orders,payments",
            "inventory,notifications,bridge")) {
      ClusterScenario.run(cluster);

      JsonObject ordersNode = cluster.info(cluster.member("node-b"));
      assertThat(ordersNode.getInteger("clusterMembers")).isEqualTo(3);
      assertThat(ordersNode.getJsonObject("handledRequests").getLong(OrdersContract.PLACE, 0L))
          .as("orders were placed on node B, the only one running orders")
          .isGreaterThan(0);
      assertThat(
              cluster
                  .info(cluster.member("node-a"))
                  .getJsonObject("handledRequests")
                  .getLong(OrdersContract.PLACE, 0L))
          .isZero();

      String metrics =
          cluster.client(cluster.member("node-b")).get("/metrics").send().await().bodyAsString();
      assertThat(metrics)
          .as("node B has no gateway: its ops server serves /metrics, with the orders it handled")
          .containsPattern("cartwheel_orders_placed_total [1-9]")
          .containsPattern("vertx_eventbus_processed_total\\{side=\"remote\"} [1-9]");
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
