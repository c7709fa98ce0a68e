package dev.cartwheel.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;
import io.vertx.core.shareddata.Shareable;

import java.time.Duration;

/**
 * Buckets in this JVM (a node that is not clustered), shared by its gateway instances. A bucket unused for
 * ten minutes is forgotten: it would be full again by then.
 */
final class LocalRateBuckets implements RateBuckets, Shareable {

  private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
    .expireAfterAccess(Duration.ofMinutes(10))
    .maximumSize(1_000_000)
    .build();

  @Override
  public Future<ConsumptionProbe> take(String key, BucketConfiguration configuration, long tokens) {
    Bucket bucket = buckets.get(key, missing -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
    return Future.succeededFuture(bucket.tryConsumeAndReturnRemaining(tokens));
  }
}
