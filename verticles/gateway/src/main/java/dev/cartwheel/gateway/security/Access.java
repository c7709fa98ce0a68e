package dev.cartwheel.gateway.security;

import dev.cartwheel.codecs.Roles;
import dev.cartwheel.codecs.orders.Requester;
import dev.cartwheel.gateway.problems.GatewayError;
import dev.cartwheel.gateway.problems.ProblemException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Who the authenticated caller is, from the verified token: user id (subject) and roles. */
public final class Access {

  private static final String BEARER = "Bearer";

  private Access() {}

  /**
   * A bearer token that cannot be a JWT at all, empty or of more than three parts, is an invalid token (401,
   * as RFC 6750 has it), not a malformed request: vertx-web's auth handler would answer both with 400. It
   * runs after the address was charged, like every other judgement.
   */
  public static void refuseUnreadableBearer(RoutingContext rc) {
    String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String token = authorization.substring(BEARER.length()).trim();
      if (token.isEmpty()) {
        rc.fail(new ProblemException(GatewayError.UNAUTHORIZED, "The bearer token is empty."));
        return;
      }
      if (token.chars().filter(c -> c == '.').count() > 2) {
        rc.fail(
            new ProblemException(
                GatewayError.UNAUTHORIZED, "The bearer token has more than three parts."));
        return;
      }
    }
    rc.next();
  }

  public static boolean isAdmin(RoutingContext rc) {
    return rc.user() != null && isAdmin(rc.user());
  }

  public static boolean isAdmin(User user) {
    JsonArray roles = user.principal().getJsonArray("roles");
    return roles != null && roles.contains(Roles.ADMIN);
  }

  /** Fails the request with 403 unless the caller is an admin; true when it may go on. */
  public static boolean requireAdmin(RoutingContext rc) {
    if (isAdmin(rc)) {
      return true;
    }
    rc.fail(new ProblemException(GatewayError.FORBIDDEN, "This operation is for administrators."));
    return false;
  }

  /** The caller's user id; null (and the request failed with 401) when the token's subject is not one. */
  public static UUID userId(RoutingContext rc) {
    try {
      return UUID.fromString(rc.user().subject());
    } catch (IllegalArgumentException | NullPointerException e) {
      rc.fail(401);
      return null;
    }
  }

  public static Requester requester(RoutingContext rc) {
    UUID userId = userId(rc);
    return userId == null ? null : new Requester(userId, isAdmin(rc));
  }
}
