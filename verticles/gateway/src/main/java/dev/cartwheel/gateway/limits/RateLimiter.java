package dev.cartwheel.gateway.limits;

import dev.cartwheel.gateway.limits.RateLimitSettings.Tier;
import dev.cartwheel.gateway.observability.RequestIds;
import dev.cartwheel.gateway.problems.GatewayError;
import dev.cartwheel.gateway.problems.Problem;
import dev.cartwheel.gateway.problems.ProblemException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges each request's cost to its client's token bucket. Every answer carries RateLimit-Limit,
 * RateLimit-Remaining and RateLimit-Reset (seconds until the bucket is full); an empty bucket is a 429
 * problem with Retry-After. If the bucket store fails (the grid is unreachable), the request goes through:
 * the limiter protects the domains, it must not become the outage.
 */
public final class RateLimiter {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

  /** What one charge left, and whether it was taken. */
  public record Decision(
      boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    public void writeHeaders(HttpServerResponse response) {
      response
          .putHeader("RateLimit-Limit", String.valueOf(limit))
          .putHeader("RateLimit-Remaining", String.valueOf(remaining))
          .putHeader("RateLimit-Reset", String.valueOf(resetSeconds));
    }

    public ProblemException problem() {
      return new ProblemException(
          Problem.of(
                  GatewayError.RATE_LIMITED,
                  "Too many requests: this client's limit is "
                      + limit
                      + " at once. Retry after "
                      + retryAfterSeconds
                      + " s.")
              .retryAfter((int) retryAfterSeconds));
    }
  }

  private final RateBuckets buckets;
  private RateLimitSettings settings;
  private Map<Tier, BucketConfiguration> configurations;

  public RateLimiter(RateLimitSettings settings, RateBuckets buckets) {
    this.buckets = buckets;
    update(settings);
  }

  /** New limits (live configuration): a changed tier's clients start on new, full buckets of the new size. */
  public void update(RateLimitSettings settings) {
    Map<Tier, BucketConfiguration> next = new EnumMap<>(Tier.class);
    settings
        .tiers()
        .forEach(
            (tier, bucket) ->
                next.put(
                    tier,
                    BucketConfiguration.builder()
                        .addLimit(
                            Bandwidth.builder()
                                .capacity(bucket.burst())
                                .refillGreedy(bucket.perSecond(), Duration.ofSeconds(1))
                                .build())
                        .build()));
    this.configurations = next;
    this.settings = settings;
  }

  /**
   * A handler that charges every request 1 to its client address before anything judges it: a flood of bad
   * tokens or bad bodies is refused with 429 like any other, where it used to cost only a 401 or a 400.
   */
  public Handler<RoutingContext> chargingAddress() {
    return rc -> {
      if (settings.enabled()) {
        // the body arrives while the bucket (in the grid, when clustered) answers: hold it for the
        // BodyHandler after this one, which resumes the request
        rc.request().pause();
      }
      charge(
          rc,
          () ->
              take(
                  new Client(
                      "addr:" + Client.address(rc.request(), settings.trustedProxies()),
                      Tier.ADDRESS),
                  1));
    };
  }

  /** A route handler that charges {@code operation} to the caller before the route's own handlers run. */
  public Handler<RoutingContext> charging(String operation) {
    return rc ->
        charge(
            rc,
            () ->
                take(
                    Client.of(rc.user(), rc.request(), settings.trustedProxies()),
                    settings.cost(operation)));
  }

  private void charge(RoutingContext rc, Supplier<Future<Decision>> taking) {
    if (!settings.enabled()) {
      rc.next();
      return;
    }
    taking
        .get()
        .onComplete(
            taken -> {
              if (taken.failed()) {
                LOG.warn(
                    "Rate limit store failed, request {} goes through unlimited: {}",
                    RequestIds.of(rc),
                    taken.cause().getMessage());
                rc.next();
                return;
              }
              taken.result().writeHeaders(rc.response());
              if (taken.result().allowed()) {
                rc.next();
              } else {
                // a held body is read and dropped, so that the connection can carry the answer
                rc.request().resume();
                rc.fail(taken.result().problem());
              }
            });
  }

  public Set<String> trustedProxies() {
    return settings.trustedProxies();
  }

  /** Charges {@code operation} to {@code client}; always allowed when limits are off. */
  public Future<Decision> take(Client client, String operation) {
    return take(client, settings.cost(operation));
  }

  private Future<Decision> take(Client client, int cost) {
    RateLimitSettings.Bucket tier = settings.tiers().get(client.tier());
    if (!settings.enabled()) {
      return Future.succeededFuture(new Decision(true, tier.burst(), tier.burst(), 0, 0));
    }
    // the tier's size is part of the key: after a live change every client takes from a bucket of
    // the new size
    String key =
        client.tier().key() + "/" + tier.burst() + "x" + tier.perSecond() + "/" + client.key();
    return buckets
        .take(key, configurations.get(client.tier()), cost)
        .map(probe -> decision(tier, probe));
  }

  private static Decision decision(RateLimitSettings.Bucket tier, ConsumptionProbe probe) {
    return new Decision(
        probe.isConsumed(),
        tier.burst(),
        probe.getRemainingTokens(),
        seconds(probe.getNanosToWaitForReset()),
        Math.max(1, seconds(probe.getNanosToWaitForRefill())));
  }

  private static long seconds(long nanos) {
    return nanos / TimeUnit.SECONDS.toNanos(1) + (nanos % TimeUnit.SECONDS.toNanos(1) == 0 ? 0 : 1);
  }
}
