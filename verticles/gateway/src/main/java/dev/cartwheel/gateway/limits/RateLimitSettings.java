package dev.cartwheel.gateway.limits;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rateLimits.* keys: a token bucket per client and tier (a burst it may spend at once, refilled at a
 * steady rate), what each operation costs, and which proxies may name the client in X-Forwarded-For.
 */
public record RateLimitSettings(
    boolean enabled,
    Set<String> trustedProxies,
    Map<Tier, Bucket> tiers,
    Map<String, Integer> costs) {

  public enum Tier {
    /** Every API request, per client address, before it is authenticated or validated. */
    ADDRESS,
    ANONYMOUS,
    CUSTOMER,
    PARTNER,
    ADMIN;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code burst} tokens at most, {@code perSecond} added back each second. */
  public record Bucket(long burst, long perSecond) {}

  static final String DEFAULT_COST = "default";

  /** The cost key of opening the live stream, which is not an OpenAPI operation. */
  public static final String STREAM = "stream";

  public static RateLimitSettings from(ConfigReader config) {
    Map<Tier, Bucket> tiers =
        Set.of(Tier.values()).stream()
            .collect(
                Collectors.toMap(
                    tier -> tier,
                    tier ->
                        new Bucket(
                            config.longInteger(
                                "rateLimits.tiers." + tier.key() + ".burst", 1, 1_000_000_000),
                            config.longInteger(
                                "rateLimits.tiers." + tier.key() + ".perSecond",
                                1,
                                1_000_000_000))));
    Map<String, Integer> costs =
        config.json().getJsonObject("rateLimits").getJsonObject("costs").fieldNames().stream()
            .collect(
                Collectors.toMap(
                    operation -> operation,
                    operation -> config.integer("rateLimits.costs." + operation, 1, 1_000_000)));
    // a tier whose burst is below a cost can never call that operation (a way to keep anonymous
    // callers off it)
    long largestBurst = tiers.values().stream().mapToLong(Bucket::burst).max().orElseThrow();
    costs.forEach(
        (operation, cost) -> {
          if (cost > largestBurst) {
            throw new ConfigException(
                "rateLimits.costs." + operation,
                "must not exceed the largest tier's burst ("
                    + largestBurst
                    + "): no one could pay it");
          }
        });
    return new RateLimitSettings(
        config.bool("rateLimits.enabled"),
        Set.copyOf(config.strings("rateLimits.trustedProxies")),
        tiers,
        costs);
  }

  /** What one call of the operation (an OpenAPI operationId, or {@link #STREAM}) takes from the bucket. */
  int cost(String operation) {
    return costs.getOrDefault(operation, costs.getOrDefault(DEFAULT_COST, 1));
  }
}
