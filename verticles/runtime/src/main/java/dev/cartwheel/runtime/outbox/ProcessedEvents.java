package dev.cartwheel.runtime.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * The event ids a consuming domain has handled, in {@code <schema>.processed_events(event_id uuid PRIMARY KEY,
 * processed_at timestamptz)}. Record the id in the same transaction as the event's effect: a redelivered
 * event then finds its id and changes nothing.
 */
public final class ProcessedEvents {

  private final String insert;

  public ProcessedEvents(String schema) {
    this.insert =
        "INSERT INTO " + schema + ".processed_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING";
  }

  /** True the first time this event id is seen (and remembers it); false for a redelivery. */
  public Future<Boolean> firstTime(SqlClient transaction, UUID eventId) {
    return transaction
        .preparedQuery(insert)
        .execute(Tuple.of(eventId))
        .map(result -> result.rowCount() == 1);
  }
}
