package dev.cartwheel.gateway.observability;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per HTTP request on the {@code cartwheel.access} logger (tune it in logback). The request and
 * trace ids come with every log line (see RequestContext), so they are not repeated in the message.
 */
public final class AccessLog {

  private static final Logger LOG = LoggerFactory.getLogger("cartwheel.access");

  private AccessLog() {}

  public static void record(RoutingContext rc) {
    long start = System.nanoTime();
    rc.addEndHandler(
        ended -> {
          if (LOG.isInfoEnabled()) {
            LOG.info(
                "{} {} {} {} {}ms",
                rc.request().remoteAddress() == null
                    ? "-"
                    : rc.request().remoteAddress().hostAddress(),
                rc.request().method(),
                rc.request().path(),
                rc.response().getStatusCode(),
                (System.nanoTime() - start) / 1_000_000);
          }
        });
    rc.next();
  }
}
