package dev.cartwheel.runtime.outbox;

import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.codecs.RecordJson;
import dev.cartwheel.runtime.observability.TraceContext;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.ZoneOffset;
import java.util.Map;

/**
 * A domain's outbox: its events are written to {@code <schema>.outbox} in the same transaction as the
 * state change they describe, so an event exists if and only if its change was committed. The
 * {@link OutboxRelay} publishes them afterwards. Each domain's migrations create the table:
 * <pre>
 * outbox(seq bigserial PRIMARY KEY, id uuid UNIQUE, aggregate_id text, address text, payload jsonb,
 *        occurred_at timestamptz, published_at timestamptz, kafka_sent_at timestamptz, traceparent text)
 * </pre>
 * An event keeps the trace it was written in (the current span's {@code traceparent}), so that its
 * CloudEvent continues that trace.
 */
public final class Outbox {

  private final String insert;
  private final Map<String, Class<? extends DomainEvent>> events;

  /** @param events the domain's contract: event class by event-bus address */
  public Outbox(String schema, Map<String, Class<? extends DomainEvent>> events) {
    this.insert = "INSERT INTO " + schema + ".outbox (id, aggregate_id, address, payload, occurred_at, traceparent) VALUES ($1, $2, $3, $4::text::jsonb, $5, $6)";
    this.events = events;
  }

  /** Adds the event to the outbox, inside the caller's transaction. */
  public Future<Void> append(SqlClient transaction, String address, DomainEvent event) {
    if (events.get(address) != event.getClass()) {
      return Future.failedFuture(new IllegalArgumentException(event.getClass().getSimpleName() + " is not the event of " + address));
    }
    return transaction.preparedQuery(insert)
      .execute(Tuple.of(event.eventId(), event.aggregateId(), address, RecordJson.encode((Record) event),
        event.occurredAt().atOffset(ZoneOffset.UTC), TraceContext.currentTraceparent().orElse(null)))
      .mapEmpty();
  }

  Map<String, Class<? extends DomainEvent>> events() {
    return events;
  }
}
