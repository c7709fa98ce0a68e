package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StopStagesTest {

  @Test
  @DisplayName(
      "a stage that never ends is left behind after its bound, logged, and the stop goes on")
  void aStuckStageIsBounded() {
    try (LogCapture log = LogCapture.start()) {
      StopStages stages = new StopStages();
      long start = System.nanoTime();

      stages.await("undeployed stuck", Duration.ofMillis(300), () -> Promise.promise().future());
      stages.await("undeployed quick", Duration.ofSeconds(5), Future::succeededFuture);
      stages.run(
          "stopped broken",
          () -> {
            throw new IllegalStateException("gone already");
          });

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(log.lines())
          .extracting(line -> line.getString("level") + " " + line.getString("message").strip())
          .contains("WARN undeployed stuck: not done after 300 ms; going on without it")
          .anyMatch(line -> line.matches("WARN stopped broken failed after \\d+ ms: gone already"))
          .anyMatch(line -> line.matches("INFO undeployed quick in \\d+ ms"));
      assertThat(stages.totalMs()).isGreaterThanOrEqualTo(300);
    }
  }
}
