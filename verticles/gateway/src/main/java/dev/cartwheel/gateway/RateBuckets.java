package dev.cartwheel.gateway;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;

/** Where the token buckets live: in this JVM, or in the cluster, shared by every gateway node. */
interface RateBuckets {

  /** Takes {@code tokens} from the bucket {@code key}, created with {@code configuration} when it does not exist yet. */
  Future<ConsumptionProbe> take(String key, BucketConfiguration configuration, long tokens);

  /** Gives {@code tokens} back to the bucket {@code key} (never above its capacity). */
  Future<Void> giveBack(String key, BucketConfiguration configuration, long tokens);
}
