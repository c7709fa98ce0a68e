package dev.cartwheel.gateway.limits;

import dev.cartwheel.codecs.Roles;
import dev.cartwheel.gateway.limits.RateLimitSettings.Tier;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.auth.User;
import java.util.List;
import java.util.Set;

/**
 * Who a request counts against: the user (the verified token's subject) when it is authenticated, else
 * the client's address. X-Forwarded-For is believed only when the connection comes from a trusted proxy,
 * and then only up to the first address that is not one: the client cannot name itself.
 */
public record Client(String key, Tier tier) {

  public static Client of(User user, HttpServerRequest request, Set<String> trustedProxies) {
    if (user != null && user.subject() != null) {
      return user(user.subject(), tierOf(user));
    }
    return new Client("addr:" + address(request, trustedProxies), Tier.ANONYMOUS);
  }

  /** The address of the client that sent {@code request}, as far as the trusted proxies tell it. */
  public static String address(HttpServerRequest request, Set<String> trustedProxies) {
    List<String> forwarded = request.headers().getAll("X-Forwarded-For");
    // proxies may add their own header line: read them all, in order
    return address(
        request.remoteAddress().hostAddress(),
        forwarded.isEmpty() ? null : String.join(",", forwarded),
        trustedProxies);
  }

  public static Client user(String userId, Tier tier) {
    return new Client("user:" + userId, tier);
  }

  /** The client's address: the peer's, or, behind trusted proxies, the last one they did not add themselves. */
  static String address(String peer, String forwarded, Set<String> trustedProxies) {
    if (forwarded == null || !trustedProxies.contains(peer)) {
      return peer;
    }
    String[] hops = forwarded.split(",", -1);
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private static Tier tierOf(User user) {
    JsonArray roles = user.principal().getJsonArray("roles");
    if (roles != null && roles.contains(Roles.ADMIN)) {
      return Tier.ADMIN;
    }
    if (roles != null && roles.contains(Roles.PARTNER)) {
      return Tier.PARTNER;
    }
    return Tier.CUSTOMER;
  }
}
