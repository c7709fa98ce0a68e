package dev.cartwheel.gateway.limits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Where the token buckets live: in this JVM, or in the cluster, shared by every gateway node. */
public interface RateBuckets {

  /** Buckets in this JVM, for a node that is not clustered. */
  static RateBuckets local() {
    return new LocalRateBuckets();
  }

  /** Buckets in the cluster's data grid, which every gateway node of the cluster takes from. */
  static RateBuckets cluster(Vertx vertx, ProxyManager<String> buckets) {
    return new ClusterRateBuckets(vertx, buckets.asAsync());
  }

  /** Takes {@code tokens} from the bucket {@code key}, created with {@code configuration} when it does not exist yet. */
  Future<ConsumptionProbe> take(String key, BucketConfiguration configuration, long tokens);

  /** Gives {@code tokens} back to the bucket {@code key} (never above its capacity). */
  Future<Void> giveBack(String key, BucketConfiguration configuration, long tokens);
}
