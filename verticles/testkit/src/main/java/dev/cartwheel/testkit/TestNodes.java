package dev.cartwheel.testkit;

import dev.cartwheel.runtime.node.BuildInfo;
import dev.cartwheel.runtime.node.Node;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import java.util.UUID;

/**
 * What the launcher's Platform installs on a Vert.x before it deploys anything, for a test that deploys a verticle on
 * its own: a standalone node of profile {@code test}, metrics in memory, no tracing.
 */
public final class TestNodes {

  private TestNodes() {}

  /** Installs a test node on {@code vertx} and returns it. */
  public static Node install(Vertx vertx) {
    BuildInfo build = BuildInfo.load();
    Node node =
        new Node(
            UUID.randomUUID().toString(),
            "test",
            build,
            build.version(),
            HealthChecks.create(vertx),
            false,
            () -> 1,
            new SimpleMeterRegistry(),
            OpenTelemetry.noop());
    Node.install(vertx, node);
    return node;
  }
}
