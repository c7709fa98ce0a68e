package dev.cartwheel.gateway;

import dev.cartwheel.gateway.domains.CanaryGuard;
import dev.cartwheel.gateway.limits.RateBuckets;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/**
 * The rate-limit buckets and the canary guard the gateway verticle instances of one JVM share (through the
 * Vert.x local shared data), and the one thing the launcher hands in: the cluster's buckets when the node is clustered.
 */
public final class GatewayServices {

  private static final String SHARED = "cartwheel.gateway";
  private static final String RATE_BUCKETS = "rateBuckets";
  private static final String CANARY_GUARD = "canaryGuard";

  private GatewayServices() {}

  /** Call before the gateway deploys, on a clustered node: its buckets are then the cluster's. */
  public static void useClusterRateBuckets(Vertx vertx, ProxyManager<String> buckets) {
    shared(vertx).put(RATE_BUCKETS, RateBuckets.cluster(vertx, buckets));
  }

  static RateBuckets rateBuckets(Vertx vertx) {
    LocalMap<String, Object> shared = shared(vertx);
    shared.putIfAbsent(RATE_BUCKETS, RateBuckets.local());
    return (RateBuckets) shared.get(RATE_BUCKETS);
  }

  static CanaryGuard canaryGuard(Vertx vertx) {
    return (CanaryGuard) shared(vertx).computeIfAbsent(CANARY_GUARD, key -> new CanaryGuard(vertx));
  }

  private static LocalMap<String, Object> shared(Vertx vertx) {
    return vertx.sharedData().getLocalMap(SHARED);
  }
}
