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
   * Delivers the events, in order, and answers how many of them, from the first, were accepted (events this
   * node cannot read are logged and passed over, and count as delivered). When not all were, it fails with a
   * {@link PartialDelivery} naming how many were; what follows is delivered again later.
   */
  Future<Integer> deliver(List<OutboxEvent> events);

  /** Only the first {@code delivered} events of a batch were accepted; {@code getCause()} says why the next was not. */
  final class PartialDelivery extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int delivered;

    public PartialDelivery(int delivered, Throwable cause) {
      super(delivered + " delivered, then: " + cause.getMessage(), cause, false, false);
      this.delivered = delivered;
    }

    public int delivered() {
      return delivered;
    }
  }

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
