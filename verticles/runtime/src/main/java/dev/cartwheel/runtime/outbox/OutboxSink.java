package dev.cartwheel.runtime.outbox;

import io.vertx.core.Future;

import java.util.List;

/**
 * Where a relay delivers a domain's outbox. Each sink has its own column in the outbox table recording
 * what it delivered, so one sink being away (Kafka down) never holds the other back.
 */
public interface OutboxSink {

  /** Short name, part of the relay's leader lock: {@code bus}, {@code kafka}. */
  String name();

  /** The outbox column that records delivery to this sink, e.g. {@code published_at}. */
  String sentColumn();

  /**
   * Delivers the events, in order. Succeeds once every event was accepted (events this node cannot read are
   * logged and passed over); fails if any was not, and then the whole batch is delivered again later.
   */
  Future<Void> deliver(List<OutboxEvent> events);

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
