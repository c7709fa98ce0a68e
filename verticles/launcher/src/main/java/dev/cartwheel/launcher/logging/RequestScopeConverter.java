package dev.cartwheel.launcher.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.cartwheel.runtime.observability.RequestContext;

/**
 * {@code %requestScope} in a Logback pattern: " trace=&lt;id&gt; request=&lt;id&gt;" for a line logged while
 * a request or a traced message is handled, each part only when known, nothing otherwise. Read on the
 * logging thread, from the Vert.x context that does the work: so the appender must be synchronous.
 */
public final class RequestScopeConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    StringBuilder scope = new StringBuilder();
    RequestContext.traceId().ifPresent(trace -> scope.append(" trace=").append(trace));
    RequestContext.requestId().ifPresent(request -> scope.append(" request=").append(request));
    return scope.toString();
  }
}
