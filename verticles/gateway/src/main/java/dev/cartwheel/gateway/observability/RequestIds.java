package dev.cartwheel.gateway.observability;

import dev.cartwheel.runtime.observability.RequestContext;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request gets an id: the client's {@code X-Request-Id} when it is a sane token, else a new one.
 * It is echoed in the response header, written in problem bodies and logs, and sent to the domains as
 * an event-bus header, so one id ties a client's report to every log line it caused.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "cartwheel.requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestIds() {}

  public static void assign(RoutingContext rc) {
    String offered = rc.request().getHeader(HEADER);
    String id =
        offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    rc.put(KEY, id);
    RequestContext.bind(id);
    rc.response().putHeader(HEADER, id);
    rc.next();
  }

  public static String of(RoutingContext rc) {
    String id = rc.get(KEY);
    return id == null ? "unknown" : id;
  }
}
