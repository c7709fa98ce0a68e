package dev.cartwheel.launcher;

import dev.cartwheel.embedded.Ports;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two nodes in this test JVM, clustered over loopback: one runs every verticle, the other only a gateway.
 * Both take {@code settings}; the full one also {@code fullOnly}, and reads its files from {@code fullConfDir}.
 */
final class TwoNodes implements AutoCloseable {

  final RunningPlatform full;
  RunningPlatform gatewayOnly;
  private final String gatewayConfDir;
  private final Map<String, String> gatewaySettings;
  private final List<RunningPlatform> joined = new ArrayList<>();

  private TwoNodes(
      RunningPlatform full,
      RunningPlatform gatewayOnly,
      String gatewayConfDir,
      Map<String, String> gatewaySettings) {
    this.full = full;
    this.gatewayOnly = gatewayOnly;
    this.gatewayConfDir = gatewayConfDir;
    this.gatewaySettings = gatewaySettings;
  }

  /** Stops the gateway node and starts it again as it was; stored live settings are kept. */
  RunningPlatform restartGateway() {
    gatewayOnly.close();
    gatewayOnly = RunningPlatform.startKeepingLiveSettings(gatewayConfDir, gatewaySettings);
    return gatewayOnly;
  }

  /** Starts one more gateway node that joins the cluster now; stored live settings are kept. */
  RunningPlatform joinAnotherGateway() {
    Map<String, String> settings = new HashMap<>(gatewaySettings);
    int port = Ports.free();
    settings.put("cluster.port", String.valueOf(port));
    settings.put("cluster.members", gatewaySettings.get("cluster.members") + ",127.0.0.1:" + port);
    RunningPlatform node = RunningPlatform.startKeepingLiveSettings(gatewayConfDir, settings);
    joined.add(node);
    return node;
  }

  static TwoNodes start(
      String fullConfDir, Map<String, String> settings, Map<String, String> fullOnly) {
    return start(fullConfDir, "conf", settings, fullOnly);
  }

  /** As above, the gateway reading its files from {@code gatewayConfDir}. */
  static TwoNodes start(
      String fullConfDir,
      String gatewayConfDir,
      Map<String, String> settings,
      Map<String, String> fullOnly) {
    String cluster = "it-" + UUID.randomUUID();
    int firstPort = Ports.free();
    int secondPort = Ports.free();
    String members = "127.0.0.1:" + firstPort + ",127.0.0.1:" + secondPort;
    Map<String, String> first = member(cluster, firstPort, members, settings);
    first.putAll(fullOnly);
    RunningPlatform full = RunningPlatform.start(fullConfDir, first);
    Map<String, String> second = member(cluster, secondPort, members, settings);
    second.put("deploy", "gateway");
    try {
      return new TwoNodes(
          full, RunningPlatform.start(gatewayConfDir, second), gatewayConfDir, second);
    } catch (RuntimeException e) {
      full.close();
      throw e;
    }
  }

  private static Map<String, String> member(
      String cluster, int port, String members, Map<String, String> settings) {
    Map<String, String> member = new HashMap<>(settings);
    member.putAll(
        Map.of(
            "cluster.enabled",
            "true",
            "cluster.name",
            cluster,
            "cluster.port",
            String.valueOf(port),
            "cluster.members",
            members));
    return member;
  }

  @Override
  public void close() {
    joined.forEach(RunningPlatform::close);
    gatewayOnly.close();
    full.close();
  }
}
