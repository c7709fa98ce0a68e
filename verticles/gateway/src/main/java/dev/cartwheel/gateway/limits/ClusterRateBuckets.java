package dev.cartwheel.gateway.limits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Buckets kept in the cluster's data grid (Hazelcast, through Bucket4j), so that every gateway node takes
 * from the same bucket of a client: together they never allow more than one node would. The launcher
 * provides the proxy manager when the node is clustered
 * ({@link dev.cartwheel.gateway.GatewayServices#useClusterRateBuckets}).
 */
final class ClusterRateBuckets implements RateBuckets, Shareable {

  private static final long GRID_TIMEOUT_MS = 500;

  private final Vertx vertx;
  private final AsyncProxyManager<String> buckets;

  ClusterRateBuckets(Vertx vertx, AsyncProxyManager<String> buckets) {
    this.vertx = vertx;
    this.buckets = buckets;
  }

  @Override
  public Future<ConsumptionProbe> take(String key, BucketConfiguration configuration, long tokens) {
    return call(() -> bucket(key, configuration).tryConsumeAndReturnRemaining(tokens));
  }

  @Override
  public Future<Void> giveBack(String key, BucketConfiguration configuration, long tokens) {
    return call(() -> bucket(key, configuration).addTokens(tokens));
  }

  private AsyncBucketProxy bucket(String key, BucketConfiguration configuration) {
    return buckets.builder().build(key, () -> CompletableFuture.completedFuture(configuration));
  }

  private <T> Future<T> call(Supplier<CompletableFuture<T>> operation) {
    try {
      // the grid completes on its own threads: come back to the caller's event loop; a grid that
      // hangs counts as failed
      return Future.fromCompletionStage(operation.get(), vertx.getOrCreateContext())
          .timeout(GRID_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
