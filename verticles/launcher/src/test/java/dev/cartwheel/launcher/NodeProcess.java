package dev.cartwheel.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built jar ({@code target/cartwheel.jar}) run as a real JVM, as an operator runs it: its own
 * working directory, environment and arguments, output captured to files in that directory.
 */
final class NodeProcess implements AutoCloseable {

  private static final Path JAR =
      Path.of(System.getProperty("cartwheel.jar", "target/cartwheel.jar")).toAbsolutePath();
  private static final Pattern READY = Pattern.compile("Cartwheel is ready at (http://\\S+)");
  private static final Pattern STARTED = Pattern.compile("Cartwheel is ready");

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private NodeProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static NodeProcess start(Path workDir, Map<String, String> env, String... args) {
    try {
      Files.createDirectories(workDir);
      // its own session and process group, as a shell gives a command: ctrlC() signals that group
      // (setsid execs in place)
      List<String> command =
          new ArrayList<>(
              List.of(
                  "setsid",
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx384m",
                  "-XX:+UseSerialGC",
                  "-jar",
                  JAR.toString()));
      command.addAll(List.of(args));
      Path stdout = workDir.resolve("stdout.log");
      Path stderr = workDir.resolve("stderr.log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("CARTWHEEL_"));
      builder.environment().putAll(env);
      return new NodeProcess(builder.start(), stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the ready line and returns the gateway URL it names. */
  String awaitReady(Duration timeout) throws InterruptedException {
    return awaitLine(READY, timeout).group(1);
  }

  /** Waits for the ready line of a node with or without a gateway. */
  void awaitStarted(Duration timeout) throws InterruptedException {
    awaitLine(STARTED, timeout);
  }

  Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Matcher> found =
          stdoutLines().stream().map(pattern::matcher).filter(Matcher::find).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "node exited with "
                + process.exitValue()
                + " before printing "
                + pattern
                + "\nstderr: "
                + stderr()
                + "\nstdout tail: "
                + tail());
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no line matching " + pattern + " within " + timeout + "\nstdout tail: " + tail());
  }

  /** Sends SIGTERM and returns at once ({@link #awaitExit} waits for the exit code). */
  void sigterm() {
    process.destroy();
  }

  /** SIGINT to the node's whole process group, as Ctrl-C in a terminal sends it; returns at once. */
  void ctrlC() {
    signal("INT", "-" + process.pid());
  }

  /** Sends SIGTERM and waits for the exit code. */
  int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "node did not stop within " + timeout + " of SIGTERM\nstdout tail: " + tail());
    }
    return process.exitValue();
  }

  /** kill -9: no shutdown hook runs, nothing is flushed, the cluster is not told. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** kill -STOP: the JVM stops dead, sockets stay open; {@link #thaw} resumes it. */
  void freeze() {
    signal("STOP");
  }

  void thaw() {
    signal("CONT");
  }

  private void signal(String signal) {
    signal(signal, String.valueOf(process.pid()));
  }

  private static void signal(String signal, String target) {
    try {
      int exit =
          new ProcessBuilder("kill", "-" + signal, "--", target).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new AssertionError("kill -" + signal + " -- " + target + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("node still running after " + timeout + "\nstdout tail: " + tail());
    }
    return process.exitValue();
  }

  List<String> stdoutLines() {
    return read(stdout);
  }

  List<String> stderrLines() {
    return read(stderr);
  }

  private String stderr() {
    return String.join("\n", stderrLines());
  }

  private String tail() {
    List<String> lines = stdoutLines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static List<String> read(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A node still running here belongs to a test that failed: it gets SIGTERM first, so that it stops its embedded
   * PostgreSQL and Kafka (a kill -9 would leave them running, in a directory no later run reuses).
   */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
