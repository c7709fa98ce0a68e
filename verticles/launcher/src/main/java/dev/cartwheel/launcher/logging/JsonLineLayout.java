package dev.cartwheel.launcher.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import dev.cartwheel.runtime.observability.RequestContext;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One JSON object per log line, for log shippers: time, level, logger, thread, message, and, when known,
 * trace_id and request_id (read like {@link RequestScopeConverter}, so the appender must be synchronous),
 * and the stack trace as one string.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {

  @Override
  public String doLayout(ILoggingEvent event) {
    JsonObject line =
        new JsonObject()
            .put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString())
            .put("level", event.getLevel().toString())
            .put("logger", event.getLoggerName())
            .put("thread", event.getThreadName())
            .put("message", event.getFormattedMessage());
    RequestContext.traceId().ifPresent(trace -> line.put("trace_id", trace));
    RequestContext.requestId().ifPresent(request -> line.put("request_id", request));
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.put("exception", ThrowableProxyUtil.asString(thrown));
    }
    return line.encode() + System.lineSeparator();
  }
}
