package dev.cartwheel.gateway.routes;

import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;

/** page and size query parameters (already validated against the OpenAPI document), with their defaults. */
record Paging(int page, int size) {

  static final int DEFAULT_SIZE = 20;

  static Paging of(RoutingContext rc) {
    return new Paging(integer(rc, "page", 0), integer(rc, "size", DEFAULT_SIZE));
  }

  private static int integer(RoutingContext rc, String name, int fallback) {
    String value = rc.queryParams().get(name);
    // the validator accepts 1.0 as an integer: read it as a number
    return value == null ? fallback : new BigDecimal(value).intValueExact();
  }
}
