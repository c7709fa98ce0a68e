package dev.cartwheel.launcher;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
import com.hazelcast.map.IMap;
import dev.cartwheel.runtime.config.ConfigException;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The Hazelcast cluster manager (a {@link HazelcastRouting}), configured by {@code cluster.xml}: the file
 * named by {@code cluster.configFile} in the working directory, else the copy inside the jar. Its
 * {@code ${cartwheel.cluster.*}} variables come from the {@code cluster.*} keys.
 */
final class HazelcastClusters {

  /** First of the Hazelcast type ids Bucket4j's serializers take (a handful); ours use none. */
  private static final int BUCKET4J_SERIALIZER_IDS = 10_000;

  /** The map of the gateways' rate-limit buckets (see cluster.xml). */
  static final String RATE_LIMIT_MAP = "cartwheel.rate-limits";

  private HazelcastClusters() {}

  /** The cluster-wide rate-limit buckets; a bucket is dropped once it would be full again anyway. */
  static ProxyManager<String> rateLimitBuckets(HazelcastClusterManager cluster) {
    IMap<String, byte[]> map = cluster.getHazelcastInstance().getMap(RATE_LIMIT_MAP);
    return Bucket4jHazelcast.entryProcessorBasedBuilder(map)
        .expirationAfterWrite(
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                Duration.ofSeconds(10)))
        .build();
  }

  /** {@code trusted} null: no cluster TLS, every member is routed to. */
  static HazelcastRouting create(NodeSettings.Cluster cluster, TrustedNodes trusted) {
    Properties variables = new Properties();
    variables.setProperty("cartwheel.cluster.name", cluster.name());
    variables.setProperty("cartwheel.cluster.members", cluster.members());
    variables.setProperty("cartwheel.cluster.interface", cluster.bindInterface());
    variables.setProperty("cartwheel.cluster.port", String.valueOf(cluster.port()));
    Path file = Path.of(cluster.configFile());
    try (InputStream in =
        Files.exists(file)
            ? Files.newInputStream(file)
            : HazelcastClusters.class.getResourceAsStream("/" + cluster.configFile())) {
      if (in == null) {
        throw new ConfigException(
            "cluster.configFile",
            "no file " + file.toAbsolutePath() + ", and none of that name in the jar");
      }
      Config config = new XmlConfigBuilder(in).setProperties(variables).build();
      // the gateways' rate-limit buckets travel with Bucket4j's own serializers, not Java
      // serialization
      HazelcastProxyManager.addCustomSerializers(
          config.getSerializationConfig(), BUCKET4J_SERIALIZER_IDS);
      return new HazelcastRouting(config, trusted);
    } catch (IOException e) {
      throw new ConfigException(
          "cluster.configFile", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
    }
  }
}
