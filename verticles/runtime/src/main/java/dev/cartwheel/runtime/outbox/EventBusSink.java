package dev.cartwheel.runtime.outbox;

import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.codecs.Headers;
import dev.cartwheel.codecs.RecordJson;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes outbox events on the event bus at their {@code <domain>.evt.*} address, as their records. */
final class EventBusSink implements OutboxSink {

  private static final Logger LOG = LoggerFactory.getLogger(EventBusSink.class);

  private final EventBus bus;
  private final Map<String, Class<? extends DomainEvent>> events;

  EventBusSink(EventBus bus, Map<String, Class<? extends DomainEvent>> events) {
    this.bus = bus;
    this.events = events;
  }

  @Override
  public String name() {
    return "bus";
  }

  @Override
  public String sentColumn() {
    return "published_at";
  }

  @Override
  public Future<Integer> deliver(List<OutboxEvent> batch) {
    batch.forEach(this::publish);
    return Future.succeededFuture(batch.size());
  }

  /**
   * A row this node cannot read (an address or a shape it does not know: a newer node wrote it, or a bug)
   * is logged with its id and passed over, so it cannot block every event behind it; it stays in the table.
   */
  private void publish(OutboxEvent event) {
    Class<? extends DomainEvent> type = events.get(event.address());
    try {
      if (type == null) {
        throw new IllegalArgumentException("no event is published on " + event.address());
      }
      bus.publish(
          event.address(),
          RecordJson.decode(event.payload(), type),
          new DeliveryOptions().addHeader(Headers.EVENT_ID, event.id().toString()));
    } catch (IllegalArgumentException e) {
      LOG.error(
          "Passing over unreadable outbox event {} ({}): {}",
          event.id(),
          event.address(),
          e.getMessage());
    }
  }
}
