package dev.cartwheel.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Cluster CAs and node certificates made by the operators' script, scripts/cluster-certs.sh (openssl). */
final class ClusterCerts {

  private static final Path SCRIPT = Path.of("..", "..", "scripts", "cluster-certs.sh");

  private final Path dir;

  private ClusterCerts(Path dir) {
    this.dir = dir;
  }

  /** A new CA in {@code dir}, with a certificate for each of {@code names}. */
  static ClusterCerts make(Path dir, String... names) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), dir.toString()));
    command.addAll(List.of(names));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("cluster-certs.sh failed: " + output);
    }
    return new ClusterCerts(dir);
  }

  NodeSettings.Tls node(String name) {
    return new NodeSettings.Tls(
        dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"), dir.resolve("ca.pem"));
  }

  Path dir() {
    return dir;
  }
}
