package dev.cartwheel.launcher;

import dev.cartwheel.runtime.bus.ClusterRouting;
import dev.cartwheel.testkit.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Optional;

/**
 * A clustered Vert.x in the test's JVM, joined the way the launcher joins one: cluster.xml on loopback,
 * {@link HazelcastRouting}, and with {@code tls} the event bus's mutual TLS and the trusted-members filter.
 */
final class InJvmMember {

  private InJvmMember() {}

  static Vertx join(String name, String members, int port) {
    return join(name, members, port, Optional.empty());
  }

  static Vertx join(String name, String members, int port, Optional<NodeSettings.Tls> tls) {
    Optional<ClusterTls> clusterTls = tls.map(ClusterTls::load);
    HazelcastRouting cluster =
        HazelcastClusters.create(
            new NodeSettings.Cluster(
                true,
                name,
                members,
                "127.0.0.1",
                port,
                "cluster.xml",
                new NodeSettings.Ha(false, "", 1),
                tls),
            clusterTls.map(TrustedNodes::new).orElse(null));
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1");
    clusterTls.ifPresent(material -> material.applyTo(options.getEventBusOptions()));
    Vertx vertx =
        Vertx.builder().with(options).withClusterManager(cluster).buildClustered().await();
    ClusterRouting.install(vertx, cluster);
    TestNodes.install(vertx);
    return vertx;
  }
}
