package dev.cartwheel.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceDirectoryTest {

  @TempDir Path dir;

  @Test
  void aDirectoryInUseCannotBeClaimedTwice() {
    try (ServiceDirectory claimed = ServiceDirectory.claim(dir, "Kafka")) {
      assertThatThrownBy(() -> ServiceDirectory.claim(dir, "Kafka"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use by another running node");
    }
    ServiceDirectory.claim(dir, "Kafka").close();
  }

  @Test
  void anOrphanedServerNamedByItsPidFileIsStopped() throws Exception {
    Process orphan = new ProcessBuilder("sleep", "300").start();
    Path pidFile = dir.resolve("server.pid");
    Files.writeString(pidFile, orphan.pid() + "\n");

    try (ServiceDirectory claimed = ServiceDirectory.claim(dir, "test")) {
      claimed.stopOrphan(pidFile, "test server");
    }

    assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(pidFile).doesNotExist();
  }

  @Test
  void aStalePidFileIsJustRemoved() throws Exception {
    Path pidFile = dir.resolve("server.pid");
    Files.writeString(pidFile, "999999999\n");

    try (ServiceDirectory claimed = ServiceDirectory.claim(dir, "test")) {
      claimed.stopOrphan(pidFile, "test server");
    }

    assertThat(pidFile).doesNotExist();
  }
}
