package dev.cartwheel.launcher;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the launcher itself reads: the plan, clustering, embedded services, external service addresses. */
record NodeSettings(
    DeployPlan plan,
    Cluster cluster,
    Embedded embedded,
    Optional<String> pgUrl,
    Optional<String> kafkaBootstrap,
    long healthTimeoutMs,
    long drainGraceMs,
    String host,
    int opsPort) {

  record Cluster(
      boolean enabled,
      String name,
      String members,
      String bindInterface,
      int port,
      String configFile,
      Ha ha,
      Optional<Tls> tls) {}

  /** Mutual TLS on the event bus: this node's PEM certificate and PKCS#8 key, and the cluster's CA. */
  record Tls(Path certFile, Path keyFile, Path caFile) {}

  /** Vert.x HA: a dead node's verticles are redeployed on a survivor of the same group, given a quorum. */
  record Ha(boolean enabled, String group, int quorum) {}

  record Embedded(boolean enabled, Path dataDir, int pgPort, int kafkaPort) {}

  private static final List<String> TLS_FILES =
      List.of("cluster.tls.certFile", "cluster.tls.keyFile", "cluster.tls.caFile");

  private static final Pattern BOOTSTRAP =
      Pattern.compile("[^\\s,:]+:\\d{1,5}(,[^\\s,:]+:\\d{1,5})*");

  static NodeSettings from(ConfigReader config) {
    return new NodeSettings(
        DeployPlan.parse(config.strings(DeployPlan.KEY)),
        new Cluster(
            config.bool("cluster.enabled"),
            config.requiredString("cluster.name"),
            config.requiredString("cluster.members"),
            config.requiredString("cluster.interface"),
            config.integer("cluster.port", 1, 65535),
            config.requiredString("cluster.configFile"),
            new Ha(
                config.bool("cluster.ha.enabled"),
                config.requiredString("cluster.ha.group"),
                config.integer("cluster.ha.quorum", 1, 1000)),
            clusterTls(config)),
        new Embedded(
            config.bool("embedded.enabled"),
            Path.of(config.requiredString("embedded.dataDir")).toAbsolutePath().normalize(),
            config.port("embedded.pgPort"),
            config.port("embedded.kafkaPort")),
        config.optionalString("pg.url"),
        config.optionalString("kafka.bootstrap").map(NodeSettings::checkedBootstrap),
        config.longInteger("health.checkTimeoutMs", 100, 60_000),
        config.longInteger("http.drainGraceMs", 0, 120_000),
        config.requiredString("http.host"),
        config.integer("ops.port", 0, 65535));
  }

  /**
   * All three files or none. A clustered node of the {@code prod} profile must have them: without, anyone
   * who reaches its event-bus port can send it commands.
   */
  private static Optional<Tls> clusterTls(ConfigReader config) {
    List<Optional<String>> files = TLS_FILES.stream().map(config::optionalString).toList();
    if (files.stream().allMatch(Optional::isEmpty)) {
      if (config.bool("cluster.enabled") && config.profiles().contains("prod")) {
        throw new ConfigException(
            TLS_FILES.get(0),
            "a clustered node of the prod profile needs mutual TLS on its event bus: set "
                + String.join(", ", TLS_FILES)
                + " (docs/operations.md, \"Cluster TLS\")");
      }
      return Optional.empty();
    }
    for (int i = 0; i < TLS_FILES.size(); i++) {
      if (files.get(i).isEmpty()) {
        throw new ConfigException(
            TLS_FILES.get(i),
            "is missing: set all of " + String.join(", ", TLS_FILES) + ", or none");
      }
    }
    return Optional.of(
        new Tls(
            Path.of(files.get(0).get()), Path.of(files.get(1).get()), Path.of(files.get(2).get())));
  }

  private static String checkedBootstrap(String servers) {
    if (!BOOTSTRAP.matcher(servers.trim()).matches()) {
      throw new ConfigException(
          "kafka.bootstrap", "expected host:port[,host:port...], got \"" + servers + "\"");
    }
    return servers.trim();
  }
}
