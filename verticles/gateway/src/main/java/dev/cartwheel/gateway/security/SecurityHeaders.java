package dev.cartwheel.gateway.security;

import dev.cartwheel.gateway.api.ApiPaths;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every answer. The web app is served from the gateway itself, so the content security policy
 * allows this origin only (scripts, styles, fetch and the stream's WebSocket) and no framing. API answers
 * are not stored by caches unless a route says otherwise (the catalogue does). HSTS belongs to whatever
 * terminates TLS in front of the gateway, which speaks plain HTTP.
 */
public final class SecurityHeaders {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

  private SecurityHeaders() {}

  public static void add(RoutingContext rc) {
    MultiMap headers = rc.response().headers();
    headers
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer")
        .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .set("Cross-Origin-Opener-Policy", "same-origin")
        .set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (rc.request().path().startsWith(ApiPaths.PREFIX)) {
      headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    rc.next();
  }
}
