package dev.cartwheel.launcher;

import dev.cartwheel.embedded.Ports;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Two nodes in this test JVM, clustered over loopback: one runs every verticle, the other only a gateway.
 * Both take {@code settings}; the full one also {@code fullOnly}, and reads its files from {@code fullConfDir}.
 */
final class TwoNodes implements AutoCloseable {

  final RunningPlatform full;
  final RunningPlatform gatewayOnly;

  private TwoNodes(RunningPlatform full, RunningPlatform gatewayOnly) {
    this.full = full;
    this.gatewayOnly = gatewayOnly;
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
      return new TwoNodes(full, RunningPlatform.start(gatewayConfDir, second));
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
    gatewayOnly.close();
    full.close();
  }
}
