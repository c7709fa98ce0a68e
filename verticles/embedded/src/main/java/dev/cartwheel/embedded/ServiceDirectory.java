package dev.cartwheel.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of one embedded service, claimed by this JVM with a file lock for as long as the
 * service runs. Holding the lock proves that no live node uses the directory, so a server process
 * still running there was orphaned (its node was killed with kill -9) and may be stopped.
 */
final class ServiceDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceDirectory.class);

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private ServiceDirectory(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  static ServiceDirectory claim(Path dir, String service) {
    try {
      Files.createDirectories(dir);
      FileChannel channel =
          FileChannel.open(
              dir.resolve("cartwheel.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "the embedded " + service + " directory " + dir + " is in use by another running node");
      }
      return new ServiceDirectory(dir, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot claim " + dir, e);
    }
  }

  Path path() {
    return dir;
  }

  /** Stops the process whose pid is the first line of {@code pidFile}, if it still runs, and removes the file. */
  void stopOrphan(Path pidFile, String service) {
    readPid(pidFile)
        .flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive)
        .ifPresent(
            orphan -> {
              LOG.warn(
                  "Stopping the {} left running by an earlier run (pid {})", service, orphan.pid());
              orphan.destroy();
              try {
                orphan.onExit().get(30, TimeUnit.SECONDS);
              } catch (Exception e) {
                orphan.destroyForcibly();
              }
            });
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
      return Optional.of(Long.parseLong(first));
    } catch (IOException | NumberFormatException e) {
      LOG.warn("Ignoring unreadable pid file {}: {}", pidFile, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      LOG.warn("Could not release {}: {}", dir, e.getMessage());
    }
  }

  /** Deletes a directory and all it holds; nothing to do when it is missing. */
  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
