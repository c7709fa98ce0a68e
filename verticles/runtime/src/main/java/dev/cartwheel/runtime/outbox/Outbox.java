package dev.cartwheel.runtime.outbox;

import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.codecs.RecordJson;
import dev.cartwheel.runtime.observability.TraceContext;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A domain's outbox: its events are written to {@code <schema>.outbox} in the same transaction as the
 * state change they describe, so an event exists if and only if its change was committed. The
 * {@link OutboxRelay} publishes them afterwards. The runtime's own migrations ({@code db/outbox}, run by
 * {@link dev.cartwheel.runtime.db.Migrations#migrateWithOutbox}) create the table in every domain's schema:
 * <pre>
 * outbox(seq bigserial PRIMARY KEY, id uuid UNIQUE, aggregate_id text, address text, payload jsonb,
 *        occurred_at timestamptz, published_at timestamptz, kafka_sent_at timestamptz, traceparent text)
 * </pre>
 * An event keeps the trace it was written in (the current span's {@code traceparent}), so that its
 * CloudEvent continues that trace.
 * <p>
 * A change whose event is known before it runs is best made a {@link Change}: the change and its event in
 * one statement, atomic without a transaction, one round trip where BEGIN, change, append and COMMIT are four.
 */
public final class Outbox {

  private static final String COLUMNS =
      "(id, aggregate_id, address, payload, occurred_at, traceparent)";

  private final String schema;
  private final String insert;
  private final Map<String, Class<? extends DomainEvent>> events;

  /** @param events the domain's contract: event class by event-bus address */
  public Outbox(String schema, Map<String, Class<? extends DomainEvent>> events) {
    this.schema = schema;
    this.insert =
        "INSERT INTO "
            + schema
            + ".outbox "
            + COLUMNS
            + " VALUES ($1, $2, $3, $4::text::jsonb, $5, $6)";
    this.events = events;
  }

  /** Adds the event to the outbox, inside the caller's transaction. */
  public Future<Void> append(SqlClient transaction, String address, DomainEvent event) {
    return withEvent(Tuple.tuple(), address, event)
        .compose(parameters -> transaction.preparedQuery(insert).execute(parameters))
        .mapEmpty();
  }

  /** Adds the events to the outbox in one round trip (a pipelined batch), inside the caller's transaction. */
  public Future<Void> appendAll(
      SqlClient transaction, String address, List<? extends DomainEvent> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>(events.size());
    for (DomainEvent event : events) {
      Future<Tuple> row = withEvent(Tuple.tuple(), address, event);
      if (row.failed()) {
        return row.mapEmpty();
      }
      rows.add(row.result());
    }
    return transaction.preparedQuery(insert).executeBatch(rows).mapEmpty();
  }

  /**
   * A statement that changes the domain's state and appends an event when the change touched a row:
   * {@code WITH <ctes>, event AS (INSERT INTO <schema>.outbox ...) <result>}. The first of {@code ctes} must be
   * named {@code changed} and RETURN the rows it changed; the event's six parameters follow the change's
   * {@code $1..$parameters}. Build it once, run it with {@link Change#run}.
   */
  public Change change(String ctes, String result, int parameters) {
    String event =
        "$"
            + (parameters + 1)
            + "::uuid, $"
            + (parameters + 2)
            + "::text, $"
            + (parameters + 3)
            + "::text, $"
            + (parameters + 4)
            + "::text::jsonb, $"
            + (parameters + 5)
            + "::timestamptz, $"
            + (parameters + 6)
            + "::text";
    return new Change(
        "WITH "
            + ctes
            + ", event AS (INSERT INTO "
            + schema
            + ".outbox "
            + COLUMNS
            + " SELECT "
            + event
            + " WHERE EXISTS (SELECT 1 FROM changed)) "
            + result,
        parameters);
  }

  /** A change and its event in one statement (see {@link #change}). */
  public final class Change {

    private final String sql;
    private final int parameters;

    private Change(String sql, int parameters) {
      this.sql = sql;
      this.parameters = parameters;
    }

    /** Runs the change with its parameters; {@code event} is written if, and only if, the change touched a row. */
    public Future<RowSet<Row>> run(SqlClient sql, Tuple change, String address, DomainEvent event) {
      if (change.size() != parameters) {
        return Future.failedFuture(
            new IllegalArgumentException(
                "the change takes " + parameters + " parameters, not " + change.size()));
      }
      return withEvent(change, address, event)
          .compose(all -> sql.preparedQuery(this.sql).execute(all));
    }
  }

  /** {@code parameters} followed by the event's columns; fails when the event is not the contract's for {@code address}. */
  private Future<Tuple> withEvent(Tuple parameters, String address, DomainEvent event) {
    if (events.get(address) != event.getClass()) {
      return Future.failedFuture(
          new IllegalArgumentException(
              event.getClass().getSimpleName() + " is not the event of " + address));
    }
    return Future.succeededFuture(
        parameters
            .addValue(event.eventId())
            .addValue(event.aggregateId())
            .addValue(address)
            .addValue(RecordJson.encode((Record) event))
            .addValue(event.occurredAt().atOffset(ZoneOffset.UTC))
            .addValue(TraceContext.currentTraceparent().orElse(null)));
  }

  Map<String, Class<? extends DomainEvent>> events() {
    return events;
  }
}
