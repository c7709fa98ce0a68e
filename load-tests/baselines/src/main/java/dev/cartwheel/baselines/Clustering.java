package dev.cartwheel.baselines;

import com.hazelcast.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * A clustered Vert.x joined over TCP on loopback, as the platform's cluster.xml does: Vert.x's own
 * Hazelcast defaults (its subscription maps), multicast off, members listed, no phoning home. With
 * EB_TLS_DIR set (files of scripts/cluster-certs.sh: ca.pem, member.pem, member-key.pem), the event bus
 * runs mutual TLS as the platform's cluster.tls.* sets it.
 */
final class Clustering {

  private Clustering() {
  }

  static Future<Vertx> join(String clusterName, int hazelcastPort, String members) {
    Config config = ConfigUtil.loadConfig().setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.logging.type", "none");
    config.getNetworkConfig().setPort(hazelcastPort).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember(members);
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1").setPort(0);
    String tls = System.getenv("EB_TLS_DIR");
    if (tls != null && !tls.isEmpty()) {
      options.getEventBusOptions()
        .setSsl(true)
        .setClientAuth(ClientAuth.REQUIRED)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls + "/member.pem").setKeyPath(tls + "/member-key.pem"))
        .setTrustOptions(new PemTrustOptions().addCertPath(tls + "/ca.pem"));
    }
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(config)).buildClustered();
  }
}
