package dev.cartwheel.runtime.vertx;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.impl.MessageConsumerImpl;
import io.vertx.core.internal.ContextInternal;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every use Cartwheel makes of Vert.x's internal API (checked against 5.0.8), in one place, because the public API
 * lacks them (docs/upstream/vertx-public-api-gaps.md). No other class may touch {@code io.vertx..impl} or
 * {@code io.vertx.core.internal} (ArchitectureTest). VertxInternalsTest exercises each against the Vert.x on the
 * classpath and fails, naming what to check, when an upgrade changes them.
 */
public final class VertxInternals {

  private VertxInternals() {}

  /**
   * {@code handler} gets the messages a consumer had accepted but not handled when it unregistered, which Vert.x
   * would otherwise fail at once (a TIMEOUT for the sender): a draining instance still answers them.
   */
  public static <T> void onDiscarded(MessageConsumer<T> consumer, Handler<Message<T>> handler) {
    ((MessageConsumerImpl<T>) consumer).discardHandler(handler);
  }

  /**
   * A new duplicate of the calling verticle's context (or of a new one): the same event loop, with local storage of
   * its own, as Vert.x gives each HTTP request and event-bus message. Work run on it (and its callbacks) sees what is
   * put there, a tracing span say, and nothing else's.
   */
  public static Context freshDuplicate(Vertx vertx) {
    return ((ContextInternal) vertx.getOrCreateContext()).unwrap().duplicate();
  }

  /**
   * The local data of the request the calling thread works for: the current context's, when that is a duplicate (one
   * per HTTP request, event-bus message or {@link #freshDuplicate}); empty elsewhere, so nothing leaks between requests.
   */
  public static Optional<ConcurrentMap<Object, Object>> requestLocals() {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal && internal.isDuplicate()) {
      // what localContextData() (deprecated for removal) returns: its body, unchanged
      return Optional.of(ContextInternal.LOCAL_MAP.get(internal, ConcurrentHashMap::new));
    }
    return Optional.empty();
  }
}
