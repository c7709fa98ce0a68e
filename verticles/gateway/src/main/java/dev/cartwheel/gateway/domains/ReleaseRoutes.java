package dev.cartwheel.gateway.domains;

import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.notifications.NotificationsContract;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.users.UsersContract;
import dev.cartwheel.runtime.bus.Releases;
import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the gateway sends each domain's commands while releases are tried side by side (releases.routes.*,
 * live): with a stable release set, all of a domain's traffic goes to that release's instances, except the
 * canary's weight in percent, which goes to the canary release. A sticky route gives each signed-in user
 * one side, by a hash of the user id, so a shopper does not flip between releases mid-order; anonymous
 * requests are drawn at random. Blue-green is a canary at 100, a rollback the weight set back to 0.
 */
public record ReleaseRoutes(Map<String, Route> byDomain, Rollback rollback) {

  /** The domains the gateway calls, each of which may have a route. */
  public static final List<String> DOMAINS =
      List.of(
          UsersContract.DOMAIN,
          OrdersContract.DOMAIN,
          InventoryContract.DOMAIN,
          NotificationsContract.DOMAIN);

  /** One domain's route; an empty stable release means none (the plain address, any release). */
  public record Route(String stable, String canary, int canaryWeight, boolean sticky) {

    /** False when no stable release is set: the domain's requests go to its plain address. */
    public boolean isOn() {
      return !stable.isEmpty();
    }

    /** The release {@code user}'s request goes to (null, anonymous: drawn at random); null when off. */
    public String pick(UUID user) {
      if (!isOn()) {
        return null;
      }
      int draw = sticky && user != null ? bucket(user) : ThreadLocalRandom.current().nextInt(100);
      return draw < canaryWeight ? canary : stable;
    }

    /** Each release's share of the traffic, in percent. */
    public JsonObject toJson() {
      JsonObject weights = new JsonObject();
      if (!stable.isEmpty()) {
        weights.put(stable, 100 - canaryWeight);
      }
      if (!canary.isEmpty()) {
        weights.put(canary, canaryWeight);
      }
      return new JsonObject()
          .put("stable", stable)
          .put("canary", canary)
          .put("canaryWeight", canaryWeight)
          .put("sticky", sticky)
          .put("weights", weights);
    }
  }

  /**
   * releases.rollback.*: a canary is rolled back when, over the window, it answered at least minRequests
   * and its share of server errors and timeouts exceeds the stable release's by more than the margin.
   */
  public record Rollback(Duration window, int minRequests, int marginPercent) {}

  /** The percentile of the traffic {@code user} falls in, 0 to 99, the same on every gateway. */
  public static int bucket(UUID user) {
    long h = user.getMostSignificantBits() ^ user.getLeastSignificantBits();
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) Math.floorMod(h, 100L);
  }

  public static ReleaseRoutes from(ConfigReader config) {
    Map<String, Route> byDomain = new LinkedHashMap<>();
    for (String domain : DOMAINS) {
      byDomain.put(domain, route(config, "releases.routes." + domain + "."));
    }
    return new ReleaseRoutes(
        Map.copyOf(byDomain),
        new Rollback(
            config.millis("releases.rollback.windowMs", 1000, 3_600_000),
            config.integer("releases.rollback.minRequests", 1, 1_000_000),
            config.integer("releases.rollback.marginPercent", 0, 100)));
  }

  public Route route(String domain) {
    return byDomain.get(domain);
  }

  /** Every domain's route, for /api/v1/services and /info. */
  public JsonObject toJson() {
    JsonObject routes = new JsonObject();
    DOMAINS.forEach(domain -> routes.put(domain, byDomain.get(domain).toJson()));
    return routes;
  }

  private static Route route(ConfigReader config, String prefix) {
    String stable = label(config, prefix + "stable");
    String canary = label(config, prefix + "canary");
    int weight = config.integer(prefix + "canaryWeight", 0, 100);
    if (!canary.isEmpty() && stable.isEmpty()) {
      throw new ConfigException(prefix + "canary", "needs " + prefix + "stable set too");
    }
    if (!canary.isEmpty() && canary.equals(stable)) {
      throw new ConfigException(prefix + "canary", "must differ from " + prefix + "stable");
    }
    if (weight > 0 && canary.isEmpty()) {
      throw new ConfigException(prefix + "canaryWeight", "is above 0 with no " + prefix + "canary");
    }
    return new Route(stable, canary, weight, config.bool(prefix + "sticky"));
  }

  private static String label(ConfigReader config, String key) {
    String value = config.optionalString(key).orElse("");
    if (!value.isEmpty() && !Releases.isLabel(value)) {
      throw new ConfigException(
          key,
          "must be empty or a release label (letters, digits, '.', '_', '-'), got '" + value + "'");
    }
    return value;
  }
}
