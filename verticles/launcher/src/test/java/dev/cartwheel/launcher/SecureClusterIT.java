package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.embedded.Ports;
import dev.cartwheel.gateway.api.ApiPaths;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three JVMs by role with mutual TLS on the event bus, joined by two hostile members that know the
 * cluster's name (Hazelcast's community edition admits them): one with no certificate, one with a
 * certificate of another CA. Neither gets a command through, neither is handed one, and every order the
 * gateway accepts meanwhile ends confirmed.
 */
@Timeout(600)
class SecureClusterIT {

  private static final Logger LOG = LoggerFactory.getLogger(SecureClusterIT.class);
  private static final int ORDERS = 20;

  @Test
  @DisplayName(
      "three JVMs by role over mutual TLS: the scenario passes, each domain works where it runs, and two hostile members get no command through and are handed none")
  void hostileMembersGetNothingThrough() throws Exception {
    Path certs = Path.of("target", "cluster-certs", UUID.randomUUID().toString()).toAbsolutePath();
    NodeSettings.Tls member = ClusterCerts.make(certs.resolve("ours"), "member").node("member");
    NodeSettings.Tls otherCa =
        ClusterCerts.make(certs.resolve("theirs"), "intruder").node("intruder");
    try (ClusterNodes cluster =
        ClusterNodes.start(
            "secure",
            true,
            Map.of(
                "CARTWHEEL_CLUSTER_TLS_CERT_FILE", member.certFile().toString(),
                "CARTWHEEL_CLUSTER_TLS_KEY_FILE", member.keyFile().toString(),
                "CARTWHEEL_CLUSTER_TLS_CA_FILE", member.caFile().toString()),
            "gateway,users",
            "orders,payments",
            "inventory,notifications,bridge")) {
      assertThatHazelcastListensOnItsInterfaceOnly(cluster.member("node-a").clusterPort());

      Hostile plain = Hostile.join(cluster, Optional.empty());
      Hostile foreign = Hostile.join(cluster, Optional.of(otherCa));
      try {
        WebClient gateway = cluster.client(cluster.gatewayNode());
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> cluster.info(cluster.member("node-b")).getInteger("clusterMembers") == 5);

        ClusterScenario.run(cluster);
        assertEachDomainWorksWhereItRuns(cluster);

        String admin =
            Shoppers.login(gateway, ClusterScenario.ADMIN_EMAIL, ClusterScenario.ADMIN_PASSWORD)
                .token();
        String sku = "TLS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Shoppers.createProduct(gateway, admin, sku, ORDERS);
        String shopper = Shoppers.register(gateway, "grace").token();
        long started = System.nanoTime();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
          placed.add(Shoppers.placeOrder(gateway, shopper, sku, 1));
        }
        for (String order : placed) {
          assertThat(awaitFinal(gateway, shopper, order))
              .as("order %s", order)
              .isEqualTo("CONFIRMED");
        }
        LOG.info(
            "{} orders placed and confirmed with two hostile members in the cluster, in {} ms",
            ORDERS,
            Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertThat(plain.handed.get() + foreign.handed.get())
            .as("commands routed to a hostile member")
            .isZero();

        long authorizedBefore = handled(cluster, PaymentsContract.AUTHORIZE);
        plain.assertCommandRefused();
        foreign.assertCommandRefused();
        assertThat(handled(cluster, PaymentsContract.AUTHORIZE))
            .as("payments.cmd.authorize handled on node B after the hostile members sent theirs")
            .isEqualTo(authorizedBefore);
      } finally {
        plain.vertx.close().await();
        foreign.vertx.close().await();
      }
    }
  }

  /** The checks the plain by-role layout used to make: each domain's work is done on its own node. */
  private static void assertEachDomainWorksWhereItRuns(ClusterNodes cluster) {
    JsonObject ordersNode = cluster.info(cluster.member("node-b"));
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

  private static String awaitFinal(WebClient gateway, String token, String order) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                gateway
                    .get(ApiPaths.V1_ORDERS + "/" + order)
                    .bearerTokenAuthentication(token)
                    .send()
                    .await()
                    .bodyAsJsonObject()
                    .getString("status"),
            status -> OrderStatus.valueOf(status).isFinal());
  }

  private static long handled(ClusterNodes cluster, String address) {
    return cluster
        .info(cluster.member("node-b"))
        .getJsonObject("handledRequests")
        .getLong(address, 0L);
  }

  /** cluster.xml binds Hazelcast to cluster.interface (127.0.0.1 here), not to every address. */
  private static void assertThatHazelcastListensOnItsInterfaceOnly(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
    }
    assertThatThrownBy(
            () -> {
              try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.2", port), 2_000);
              }
            })
        .as("another loopback address, same port")
        .isInstanceOf(ConnectException.class);
  }

  /**
   * A member that joined with the cluster's name: it subscribes to the orders' command address (so a
   * node that trusted it would route orders to it) and tries to authorize a payment directly.
   */
  private static final class Hostile {
    final Vertx vertx;
    final AtomicInteger handed = new AtomicInteger();

    private Hostile(Vertx vertx) {
      this.vertx = vertx;
    }

    static Hostile join(ClusterNodes cluster, Optional<NodeSettings.Tls> tls) {
      Hostile hostile =
          new Hostile(
              InJvmMember.join(cluster.clusterName(), cluster.joinAddresses(), Ports.free(), tls));
      hostile
          .vertx
          .eventBus()
          .consumer(
              OrdersContract.PLACE,
              message -> {
                hostile.handed.incrementAndGet();
                message.fail(500, "hostile");
              })
          .completion()
          .await();
      return hostile;
    }

    void assertCommandRefused() {
      long started = System.nanoTime();
      assertThatThrownBy(
              () ->
                  vertx
                      .eventBus()
                      .request(
                          PaymentsContract.AUTHORIZE,
                          new JsonObject().put("orderId", UUID.randomUUID().toString()),
                          new DeliveryOptions().setSendTimeout(5_000))
                      .await())
          .as("a hostile member's payments.cmd.authorize")
          .isInstanceOf(Exception.class);
      LOG.info(
          "A hostile member's command failed after {} ms",
          Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
  }
}
