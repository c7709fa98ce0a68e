package dev.cartwheel.gateway.stream;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many live streams this gateway node holds, in all and per user. One instance per JVM, shared by
 * the gateway verticle instances (their event loops), hence the concurrent counters.
 */
final class StreamLimits implements Shareable {

  /** The Vert.x local map the gateway instances of this JVM find the counters in. */
  private static final String SHARED = "cartwheel.gateway.streamLimits";

  private final int maxConnections;
  private final int maxPerUser;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<UUID, Integer> perUser = new ConcurrentHashMap<>();

  private StreamLimits(int maxConnections, int maxPerUser) {
    this.maxConnections = maxConnections;
    this.maxPerUser = maxPerUser;
  }

  static StreamLimits of(Vertx vertx, StreamSettings settings) {
    var shared = vertx.sharedData().<String, StreamLimits>getLocalMap(SHARED);
    // keyed by the limits too: a gateway redeployed with other limits counts afresh
    String key =
        "streamLimits/" + settings.maxConnections() + "/" + settings.maxConnectionsPerUser();
    shared.putIfAbsent(
        key, new StreamLimits(settings.maxConnections(), settings.maxConnectionsPerUser()));
    return shared.get(key);
  }

  /** Takes a place for one more stream of this user; when there is none, says why. */
  Optional<String> tryAcquire(UUID userId) {
    if (total.incrementAndGet() > maxConnections) {
      total.decrementAndGet();
      return Optional.of(
          "This gateway node has reached its limit of " + maxConnections + " live streams.");
    }
    boolean[] admitted = {false};
    perUser.compute(
        userId,
        (user, open) -> {
          int count = open == null ? 0 : open;
          admitted[0] = count < maxPerUser;
          return admitted[0] ? count + 1 : open;
        });
    if (!admitted[0]) {
      total.decrementAndGet();
      return Optional.of("You already have " + maxPerUser + " live streams open; close one first.");
    }
    return Optional.empty();
  }

  void release(UUID userId) {
    total.decrementAndGet();
    perUser.computeIfPresent(userId, (user, open) -> open <= 1 ? null : open - 1);
  }
}
