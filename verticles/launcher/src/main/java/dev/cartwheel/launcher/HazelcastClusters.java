package dev.cartwheel.launcher;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
import dev.cartwheel.runtime.config.ConfigException;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The Hazelcast cluster manager, configured by {@code cluster.xml}: the file named by
 * {@code cluster.configFile} in the working directory, else the copy inside the jar. Its
 * {@code ${cartwheel.cluster.*}} variables come from the {@code cluster.*} keys.
 */
final class HazelcastClusters {

  private HazelcastClusters() {
  }

  static HazelcastClusterManager create(NodeSettings.Cluster cluster) {
    Properties variables = new Properties();
    variables.setProperty("cartwheel.cluster.name", cluster.name());
    variables.setProperty("cartwheel.cluster.members", cluster.members());
    variables.setProperty("cartwheel.cluster.interface", cluster.bindInterface());
    variables.setProperty("cartwheel.cluster.port", String.valueOf(cluster.port()));
    Path file = Path.of(cluster.configFile());
    try (InputStream in = Files.exists(file) ? Files.newInputStream(file) : HazelcastClusters.class.getResourceAsStream("/" + cluster.configFile())) {
      if (in == null) {
        throw new ConfigException("cluster.configFile", "no file " + file.toAbsolutePath() + ", and none of that name in the jar");
      }
      Config config = new XmlConfigBuilder(in).setProperties(variables).build();
      return new HazelcastClusterManager(config);
    } catch (IOException e) {
      throw new ConfigException("cluster.configFile", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
    }
  }
}
