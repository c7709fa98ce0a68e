package dev.cartwheel.gateway.domains;

import dev.cartwheel.runtime.config.LiveConfig;
import dev.cartwheel.runtime.node.Node;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls a faulty canary back on its own. Every answer a routed domain gives through this node's gateway is
 * counted by release, over a sliding window of ten slices; once the canary has answered
 * releases.rollback.minRequests in the window and its share of failures (5xx answers, timeouts, no
 * instance) exceeds the stable release's by more than the margin, the canary's weight is set back to 0
 * through the live configuration: stored, and applied on every node within a second. Each gateway node
 * judges what it sees; a second node deciding the same sets the same value. One per node, shared by its
 * gateway verticle instances, hence synchronized.
 */
public final class CanaryGuard implements Shareable {

  private static final Logger LOG = LoggerFactory.getLogger(CanaryGuard.class);
  private static final int SLICES = 10;

  /** Who the stored change names as its author. */
  static final String CHANGED_BY = "automatic rollback";

  private final Vertx vertx;
  private final LongSupplier clock;
  private final Map<String, Window> windows = new HashMap<>();

  public CanaryGuard(Vertx vertx) {
    this(vertx, System::currentTimeMillis);
  }

  CanaryGuard(Vertx vertx, LongSupplier clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  /** Counts one answer of {@code release} under {@code route}; may roll the canary back. */
  public synchronized void record(
      String domain,
      ReleaseRoutes.Route route,
      ReleaseRoutes.Rollback rollback,
      String release,
      boolean failed) {
    if (route.canaryWeight() == 0) {
      return;
    }
    Window window = windows.get(domain);
    if (window == null || !window.route.equals(route) || !window.rollback.equals(rollback)) {
      window = new Window(route, rollback);
      windows.put(domain, window);
    }
    long slice = clock.getAsLong() / Math.max(1, rollback.window().toMillis() / SLICES);
    window.count(slice, release.equals(route.canary()) ? 1 : 0, failed);
    if (failed && !window.rolledBack && window.canaryFails(slice)) {
      window.rolledBack = true;
      rollBack(domain, window, slice);
    }
  }

  /** Forgets the counts of every domain whose route changed: a new route starts a new window. */
  public synchronized void routesChanged(ReleaseRoutes routes) {
    windows
        .entrySet()
        .removeIf(entry -> !entry.getValue().route.equals(routes.route(entry.getKey())));
  }

  private void rollBack(String domain, Window window, long slice) {
    ReleaseRoutes.Route route = window.route;
    String why =
        String.format(
            "%s of %s canary answers failed against %s of %s for stable %s over the last %d ms"
                + " (margin %d %%)",
            window.sum(slice, 1, true),
            window.sum(slice, 1, false),
            window.sum(slice, 0, true),
            window.sum(slice, 0, false),
            route.stable(),
            window.rollback.window().toMillis(),
            window.rollback.marginPercent());
    LOG.warn("Rolling back canary release {} of {}: {}", route.canary(), domain, why);
    Counter.builder("cartwheel.releases.rollbacks")
        .description("Canary releases this node's gateway rolled back on its own, by domain")
        .tag("domain", domain)
        .register(Node.of(vertx).meters())
        .increment();
    Future<Void> published;
    try {
      published =
          LiveConfig.of(vertx)
              .publish(
                  new JsonObject().put("releases.routes." + domain + ".canaryWeight", 0),
                  CHANGED_BY,
                  why);
    } catch (RuntimeException refused) {
      published = Future.failedFuture(refused);
    }
    published.onFailure(
        error -> {
          LOG.error(
              "The rollback of {}'s canary could not be stored; it is tried again", domain, error);
          synchronized (this) {
            window.rolledBack = false;
          }
        });
  }

  /** Answers and failures per side (0 stable, 1 canary) in each slice of the window. */
  private static final class Window {
    private final ReleaseRoutes.Route route;
    private final ReleaseRoutes.Rollback rollback;
    private final long[] sliceOf = new long[SLICES];
    private final int[][] answers = new int[SLICES][2];
    private final int[][] failures = new int[SLICES][2];
    private boolean rolledBack;

    Window(ReleaseRoutes.Route route, ReleaseRoutes.Rollback rollback) {
      this.route = route;
      this.rollback = rollback;
      Arrays.fill(sliceOf, -1);
    }

    void count(long slice, int side, boolean failed) {
      int at = (int) (slice % SLICES);
      if (sliceOf[at] != slice) {
        sliceOf[at] = slice;
        answers[at][0] = answers[at][1] = failures[at][0] = failures[at][1] = 0;
      }
      answers[at][side]++;
      if (failed) {
        failures[at][side]++;
      }
    }

    int sum(long now, int side, boolean failedOnly) {
      int sum = 0;
      for (int at = 0; at < SLICES; at++) {
        if (sliceOf[at] > now - SLICES) {
          sum += failedOnly ? failures[at][side] : answers[at][side];
        }
      }
      return sum;
    }

    boolean canaryFails(long now) {
      int canary = sum(now, 1, false);
      if (canary < rollback.minRequests()) {
        return false;
      }
      int stable = sum(now, 0, false);
      double canaryShare = (double) sum(now, 1, true) / canary;
      double stableShare = stable == 0 ? 0 : (double) sum(now, 0, true) / stable;
      return (canaryShare - stableShare) * 100 > rollback.marginPercent();
    }
  }
}
