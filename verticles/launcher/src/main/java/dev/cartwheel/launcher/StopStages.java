package dev.cartwheel.launcher;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages of a node's stop, each logged with the time it took and bounded: a stage that outlasts its bound
 * is logged as left behind and the stop goes on, so that SIGTERM never waits on one stuck part.
 */
final class StopStages {

  private static final Logger LOG = LoggerFactory.getLogger("cartwheel");

  private final long startNanos = System.nanoTime();

  /** A stage that ends when its future does, or after {@code bound}. */
  void await(String stage, Duration bound, Supplier<Future<?>> step) {
    long start = System.nanoTime();
    try {
      step.get().await(bound.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("  {} in {} ms", stage, elapsedMs(start));
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("  {}: not done after {} ms; going on without it", stage, bound.toMillis());
    } catch (Exception e) {
      LOG.warn("  {} failed after {} ms: {}", stage, elapsedMs(start), e.getMessage());
    }
  }

  /** A stage that blocks until done and bounds itself (an embedded service's stop). */
  void run(String stage, Runnable step) {
    long start = System.nanoTime();
    try {
      step.run();
      LOG.info("  {} in {} ms", stage, elapsedMs(start));
    } catch (RuntimeException e) {
      LOG.warn("  {} failed after {} ms: {}", stage, elapsedMs(start), e.getMessage());
    }
  }

  long totalMs() {
    return elapsedMs(startNanos);
  }

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
