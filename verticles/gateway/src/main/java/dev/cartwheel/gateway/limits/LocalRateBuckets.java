package dev.cartwheel.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.vertx.core.Future;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.Arrays;

/**
 * Buckets in this JVM (a node that is not clustered), shared by its gateway instances. A bucket left alone
 * until it would be full again is forgotten, as the cluster's are (its longest limit decides when).
 */
final class LocalRateBuckets implements RateBuckets, Shareable {

  private record Kept(Bucket bucket, long fullAfterNanos) {}

  private final Cache<String, Kept> buckets =
      Caffeine.newBuilder()
          .expireAfter(
              Expiry.<String, Kept>accessing(
                  (key, kept) -> Duration.ofNanos(kept.fullAfterNanos())))
          .maximumSize(1_000_000)
          .build();

  @Override
  public Future<ConsumptionProbe> take(String key, BucketConfiguration configuration, long tokens) {
    return Future.succeededFuture(bucket(key, configuration).tryConsumeAndReturnRemaining(tokens));
  }

  @Override
  public Future<Void> giveBack(String key, BucketConfiguration configuration, long tokens) {
    bucket(key, configuration).addTokens(tokens);
    return Future.succeededFuture();
  }

  private Bucket bucket(String key, BucketConfiguration configuration) {
    return buckets
        .get(
            key,
            missing -> {
              LocalBucketBuilder builder = Bucket.builder();
              Arrays.stream(configuration.getBandwidths()).forEach(builder::addLimit);
              long fullAfter =
                  Arrays.stream(configuration.getBandwidths())
                      .mapToLong(
                          limit ->
                              limit.getRefillPeriodNanos()
                                  / limit.getRefillTokens()
                                  * limit.getCapacity())
                      .max()
                      .orElse(0);
              return new Kept(builder.build(), fullAfter);
            })
        .bucket();
  }
}
