package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The web app in a real headless Chromium, driven by Playwright ({@code src/test/browser/order-journey.mjs}):
 * a person registers, orders, and sees the order reach CONFIRMED on the page without reloading. The
 * platform answers the order before the saga ends (202, PENDING), so only the live stream can show the
 * confirmation. Screenshots land in target/browser/.
 */
@Timeout(180)
class BrowserIT {

  private static final Path SCRIPT_DIR = Path.of("src/test/browser");
  private static final Path SHOTS = Path.of("target/browser");
  private static final String CHROMIUM =
      System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");

  private static RunningPlatform node;

  @BeforeAll
  static void startNode() {
    node =
        RunningPlatform.start(
            Map.of(
                "inventory.seedDemoCatalogue", "true",
                "payments.simulator.latencyMs", "800",
                "orders.placeWaitMs", "100"));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  @DisplayName(
      "a person registers, places an order and watches it reach CONFIRMED live, on a desktop and a phone screen")
  void orderJourneyInChromium() throws Exception {
    assertThat(new File(CHROMIUM))
        .as(
            "Chromium for the browser test (Debian: apt-get install chromium; or set CHROMIUM_PATH)")
        .exists();
    Files.createDirectories(SHOTS);
    Path screenshot = SHOTS.resolve("order-journey.png").toAbsolutePath();
    Path log = SHOTS.resolve("order-journey.log").toAbsolutePath();

    Process journey =
        new ProcessBuilder(
                "node",
                "order-journey.mjs",
                node.platform.node().url().orElseThrow(),
                screenshot.toString())
            .directory(SCRIPT_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = journey.waitFor(150, TimeUnit.SECONDS);
    if (!finished) {
      journey.destroyForcibly();
    }

    String output = Files.readString(log);
    assertThat(finished).as("the journey finished in time:%n%s", output).isTrue();
    assertThat(journey.exitValue()).as("the journey's exit code:%n%s", output).isZero();
    assertThat(Files.size(screenshot)).isPositive();
    assertThat(Files.size(SHOTS.resolve("order-journey-phone.png"))).isPositive();
  }
}
