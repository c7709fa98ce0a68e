package dev.cartwheel.runtime.node;

/**
 * The operations endpoints every node serves: on the gateway's port, or on the small ops server of a
 * node without a gateway ({@code ops.port}). Probes in docker/ and k8s/ name these paths.
 */
public final class OpsPaths {

  /** 200 while the event loop answers. */
  public static final String LIVE = "/health/live";

  /** 200 while every readiness check passes, 503 otherwise. */
  public static final String READY = "/health/ready";

  /** Version, build, node and what runs here. */
  public static final String INFO = "/info";

  /** The node's meters in the Prometheus text format (when metrics are on). */
  public static final String METRICS = "/metrics";

  private OpsPaths() {}
}
