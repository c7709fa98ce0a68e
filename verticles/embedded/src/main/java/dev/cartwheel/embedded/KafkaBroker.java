package dev.cartwheel.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run as a
 * child JVM of this one and listening on 127.0.0.1 only. Its log segments stay in {@code <dir>/logs}
 * between runs; its own log is {@code <dir>/broker.log}.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Optional<Path> SETSID =
      Stream.of("/usr/bin/setsid", "/bin/setsid")
          .map(Path::of)
          .filter(Files::isExecutable)
          .findFirst();

  private final ServiceDirectory dir;
  private final Process process;
  private final int port;
  private final Path wipeAtClose;

  private KafkaBroker(ServiceDirectory dir, Process process, int port, Path wipeAtClose) {
    this.dir = dir;
    this.process = process;
    this.port = port;
    this.wipeAtClose = wipeAtClose;
  }

  /**
   * Starts the broker, stopping first one that a killed run left behind in {@code path}.
   *
   * @param path          where the log segments, configuration and log live (created if missing)
   * @param preferredPort taken when free, else any free port
   * @param throwaway     wipe the data at start and at close (tests)
   */
  public static KafkaBroker start(Path path, int preferredPort, boolean throwaway) {
    ServiceDirectory dir = ServiceDirectory.claim(path, "Kafka");
    KafkaBroker broker = null;
    try {
      dir.stopOrphan(path.resolve("broker.pid"), "Kafka broker");
      Path logs = path.resolve("logs");
      if (throwaway) {
        ServiceDirectory.deleteRecursively(logs);
      }
      Path lib = KafkaDistribution.unpack(path);
      int port = Ports.preferredOrFree(preferredPort);
      int controllerPort = Ports.preferredOrFree(preferredPort > 0 ? preferredPort + 1 : 0);
      // two free ports asked one after the other may be the same (the first was only probed): the
      // broker refuses that
      while (controllerPort == port) {
        controllerPort = Ports.free();
      }
      Path properties = writeServerProperties(path, logs, port, controllerPort);
      if (!Files.exists(logs.resolve("meta.properties"))) {
        format(path, lib, properties);
      }
      Process process = java(path, lib, "kafka.Kafka", properties.toString()).start();
      broker = new KafkaBroker(dir, process, port, throwaway ? logs : null);
      Files.writeString(path.resolve("broker.pid"), process.pid() + "\n");
      broker.awaitReady();
      return broker;
    } catch (Exception e) {
      if (broker != null) {
        broker.close();
      } else {
        dir.close();
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException(
          "embedded Kafka did not start in " + path + " (see broker.log there): " + e.getMessage(),
          e);
    }
  }

  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  private static Path writeServerProperties(Path path, Path logs, int port, int controllerPort)
      throws IOException {
    Path file = path.resolve("server.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "# written by Cartwheel at every start of the embedded broker",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            "log.dirs=" + logs.toAbsolutePath(),
            "num.partitions=3",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            ""));
    return file;
  }

  private static void format(Path path, Path lib, Path properties) throws IOException {
    String clusterId = Uuid.randomUuid().toString();
    Process format =
        java(
                path,
                lib,
                "kafka.tools.StorageTool",
                "format",
                "-t",
                clusterId,
                "-c",
                properties.toString())
            .start();
    try {
      if (!format.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IOException("formatting the KRaft log directory failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while formatting", e);
    }
  }

  private static ProcessBuilder java(Path path, Path lib, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    // its own session: Ctrl-C in a terminal signals the whole foreground group, and the broker
    // would stop while the
    // node still drains into it; the node stops it itself, last (setsid execs in place: the pid
    // stays the broker's)
    SETSID.ifPresent(setsid -> command.add(setsid.toString()));
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms64m",
            "-Xmx512m",
            "-XX:+UseSerialGC",
            "-Djava.awt.headless=true",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
            "-cp",
            lib.toAbsolutePath() + "/*",
            mainClass));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(path.resolve("broker.log").toFile()));
  }

  /** Ready means: the broker accepts connections and answers a metadata request. */
  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Ports.accepts(port)) {
      checkAlive(deadline);
      Thread.sleep(100);
    }
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
      while (true) {
        checkAlive(deadline);
        try {
          admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
          LOG.debug("Kafka broker ready at {} (pid {})", bootstrap(), process.pid());
          return;
        } catch (ExecutionException | TimeoutException notYet) {
          LOG.debug("Kafka broker not ready yet: {}", notYet.getMessage());
        }
      }
    }
  }

  private void checkAlive(long deadline) {
    if (!process.isAlive()) {
      throw new IllegalStateException("the broker exited with code " + process.exitValue());
    }
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(
          "the broker did not answer within " + START_TIMEOUT.toSeconds() + " s");
    }
  }

  /** Stops the broker (SIGTERM: a controlled shutdown that flushes its logs) and releases the directory. */
  @Override
  public void close() {
    try {
      process.destroy();
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        LOG.warn("Kafka broker did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
        process.destroyForcibly().waitFor();
      }
      Files.deleteIfExists(dir.path().resolve("broker.pid"));
      if (wipeAtClose != null) {
        ServiceDirectory.deleteRecursively(wipeAtClose);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      dir.close();
    }
  }
}
