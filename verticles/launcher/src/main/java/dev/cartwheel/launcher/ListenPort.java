package dev.cartwheel.launcher;

import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.config.EnvOverrides;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The port this node serves HTTP on (the gateway's, else the ops server's), tried before anything starts:
 * a taken port then fails start-up at once, naming its setting, instead of after the embedded services
 * and the cluster have started.
 */
final class ListenPort {

  private ListenPort() {}

  static void ensureFree(NodeSettings settings, ConfigReader config) {
    if (settings.plan().deploys(Platform.GATEWAY)) {
      ensureFree("http.port", settings.host(), config.integer("http.port", 0, 65535));
    } else {
      ensureFree("ops.port", settings.host(), settings.opsPort());
    }
  }

  private static void ensureFree(String key, String host, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      // as Vert.x binds: a port in TIME_WAIT is free, one that something listens on is not
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalStateException(
          key
              + " ("
              + EnvOverrides.envName(key)
              + "): "
              + host
              + ":"
              + port
              + " is taken ("
              + e.getMessage()
              + "); stop what listens there or choose another port");
    }
  }
}
