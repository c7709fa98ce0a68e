package dev.cartwheel.runtime.outbox;

import dev.cartwheel.runtime.db.PgSettings;
import dev.cartwheel.runtime.node.Node;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one domain's outbox to one sink, oldest first, at least once: an event is marked delivered
 * only after the sink accepted it, so a crash in between delivers it again (consumers remember event ids).
 * Exactly one loop per domain and sink is active in the whole cluster: the one holding the PostgreSQL
 * advisory lock {@code cartwheel.outbox.<schema>.<sink>} on a connection of its own. That keeps every
 * aggregate's events in order; when its node dies, the connection drops, the lock frees, and another
 * node's loop takes over at its next attempt.
 * <p>
 * A commit that wrote events wakes the loop: at once where this loop leads, and over the event bus where
 * another node's does ({@link #wake}; the leader consumes {@code cartwheel.outbox.<schema>.<sink>.wake}).
 * The relay's slow poll remains for a wake-up lost while leadership changed hands.
 * <p>
 * A delivered batch is marked together with the next read, in one statement: under load every batch costs
 * one round trip, not two. When no next read comes within {@link #MARK_DELAY_MS}, a read is made to mark it.
 * A crash before the mark delivers the batch again, which at least once allows.
 * <p>
 * In a backlog the next batch is read and handed to the sink while the one before waits for its answer
 * (Kafka's acknowledgements), so that the relay does not stand still for a round trip per batch: at most
 * two batches are on their way, the sink receives them in order, and a batch is marked only once every
 * batch before it was delivered whole. After a failure the relay goes one batch at a time until a drain
 * succeeds again (the sink's probe of a broker that was away is one record, alone).
 * <p>
 * The leading loop also measures, every few seconds, how many events wait and how old the oldest is
 * (gauges {@code cartwheel.outbox.backlog} and {@code cartwheel.outbox.oldest.age.ms}); on other nodes they are 0.
 */
final class RelayLoop {

  private static final Logger LOG = LoggerFactory.getLogger(RelayLoop.class);

  /** How often a follower tries to take the lead over: it costs one query, so not at every poll. */
  private static final long LEAD_ATTEMPT_MS = 1000;

  /** How often the leader counts what waits: a query of the unsent rows' partial index. */
  private static final long BACKLOG_MEASURE_MS = 5000;

  /** How long a delivered batch waits for the next read to carry its mark. */
  static final long MARK_DELAY_MS = 10;

  private final Vertx vertx;
  private final Pool pool;
  private final PgSettings pg;
  private final String schema;
  private final OutboxSink sink;
  private final int batchSize;
  private final String select;
  private final String markAndSelect;
  private final String backlogQuery;
  private final String wakeAddress;
  private final AtomicLong backlog;
  private final AtomicLong oldestAgeMs;
  private long lastBacklogMeasure;

  /** Where this loop leads: the consumer of the other nodes' wake-ups. */
  private MessageConsumer<Object> wakeUps;

  private PgConnection lockConnection;
  private boolean leader;
  private boolean draining;
  private boolean drainAgain;
  private boolean stopped;
  private long lastLeadAttempt;
  private String lastFailure;
  private Future<?> inFlight = Future.succeededFuture();

  /** Delivered, not marked yet: the next read marks them. */
  private final List<Long> unmarked = new ArrayList<>();

  private long markTimer = -1;

  RelayLoop(Vertx vertx, Pool pool, PgSettings pg, String schema, OutboxSink sink, int batchSize) {
    this.vertx = vertx;
    this.pool = pool;
    this.pg = pg;
    this.schema = schema;
    this.sink = sink;
    this.batchSize = batchSize;
    String read =
        "SELECT seq, id, aggregate_id, address, payload::text AS payload, occurred_at, traceparent FROM "
            + schema
            + ".outbox"
            + " WHERE "
            + sink.sentColumn()
            + " IS NULL";
    // $2: the rows on their way to the sink, not to be read again
    this.select = read + " AND seq <> ALL($2) ORDER BY seq LIMIT $1";
    // the read sees the rows as they were before the update marked them: $3, the rows it leaves
    // out,
    // holds the marked ones too
    this.markAndSelect =
        "WITH marked AS (UPDATE "
            + schema
            + ".outbox SET "
            + sink.sentColumn()
            + " = now() WHERE seq = ANY($2))"
            + " "
            + read
            + " AND seq <> ALL($3) ORDER BY seq LIMIT $1";
    this.backlogQuery =
        "SELECT count(*) AS waiting, coalesce(extract(epoch FROM now() - min(occurred_at)) * 1000, 0)::bigint AS age_ms FROM "
            + schema
            + ".outbox WHERE "
            + sink.sentColumn()
            + " IS NULL";
    this.wakeAddress = "cartwheel.outbox." + schema + "." + sink.name() + ".wake";
    Tags tags = Tags.of("domain", schema, "sink", sink.name());
    this.backlog =
        Node.of(vertx)
            .level(
                "cartwheel.outbox.backlog",
                tags,
                "Outbox events not delivered to the sink yet (0 where no relay leads)");
    this.oldestAgeMs =
        Node.of(vertx)
            .level(
                "cartwheel.outbox.oldest.age.ms",
                tags,
                "Age of the oldest undelivered outbox event (0 where no relay leads)");
  }

  boolean leads() {
    return leader;
  }

  /**
   * Events were committed on this node: delivers them where this loop leads, else tells the leader, wherever
   * it runs (fire and forget: with no leader at this moment, the next one's first poll finds them).
   */
  void wake() {
    if (leader) {
      nudge();
    } else if (!stopped) {
      vertx.eventBus().send(wakeAddress, null);
    }
  }

  /** Delivers what is waiting now, if this loop leads; a call while a batch is on its way runs once more after it. */
  void nudge() {
    if (stopped) {
      return;
    }
    if (draining) {
      drainAgain = true;
      return;
    }
    draining = true;
    if (markTimer >= 0) {
      vertx.cancelTimer(markTimer);
      markTimer = -1;
    }
    // the backlog is measured after the batch, so that measuring never delays (nor, failing, stops)
    // delivery
    inFlight =
        lead()
            .compose(
                leading ->
                    leading
                        ? drain().andThen(drained -> measureBacklog())
                        : Future.succeededFuture(false))
            .onComplete(
                done -> {
                  draining = false;
                  if (done.failed()) {
                    // once per kind of failure (messages carry counts and timings), not once per
                    // poll while the database or the broker is away
                    if (!done.cause().getClass().getName().equals(lastFailure)) {
                      lastFailure = done.cause().getClass().getName();
                      LOG.warn(
                          "Outbox relay of {} to {} failed; retrying at every poll: {}",
                          schema,
                          sink.name(),
                          done.cause().getMessage());
                    }
                    return;
                  }
                  if (lastFailure != null) {
                    LOG.info("Outbox relay of {} to {} works again", schema, sink.name());
                    lastFailure = null;
                  }
                  if (drainAgain || done.result()) {
                    drainAgain = false;
                    vertx.runOnContext(again -> nudge());
                  } else if (!unmarked.isEmpty()) {
                    markTimer =
                        vertx.setTimer(
                            MARK_DELAY_MS,
                            mark -> {
                              markTimer = -1;
                              nudge();
                            });
                  }
                });
  }

  private Future<Boolean> lead() {
    if (leader) {
      return Future.succeededFuture(true);
    }
    long now = System.currentTimeMillis();
    boolean firstAttempt = lastLeadAttempt == 0;
    if (now - lastLeadAttempt < LEAD_ATTEMPT_MS) {
      return Future.succeededFuture(false);
    }
    lastLeadAttempt = now;
    Future<PgConnection> connection =
        lockConnection != null
            ? Future.succeededFuture(lockConnection)
            : PgConnection.connect(vertx, pg.connectOptions())
                .onSuccess(
                    opened -> {
                      lockConnection = opened;
                      opened.closeHandler(
                          closed -> {
                            lockConnection = null;
                            leader = false;
                            stopWakeUps();
                            backlog.set(0);
                            oldestAgeMs.set(0);
                          });
                    });
    return connection
        .compose(
            opened ->
                opened
                    .preparedQuery("SELECT pg_try_advisory_lock(hashtext($1)) AS locked")
                    .execute(Tuple.of("cartwheel.outbox." + schema + "." + sink.name())))
        .map(
            rows -> {
              leader = rows.iterator().next().getBoolean("locked");
              if (leader) {
                wakeUps = vertx.eventBus().consumer(wakeAddress, wakeUp -> nudge());
                // taking over from a node that left is news for an operator; relaying from the
                // start is not
                if (firstAttempt) {
                  LOG.debug("This node relays the {} outbox to {}", schema, sink.name());
                } else {
                  LOG.info("This node now relays the {} outbox to {}", schema, sink.name());
                }
              }
              return leader;
            });
  }

  private void stopWakeUps() {
    if (wakeUps != null) {
      wakeUps.unregister();
      wakeUps = null;
    }
  }

  /** At most every few seconds; a failed measurement keeps the last figures (the relay logs the outage). */
  private void measureBacklog() {
    long now = System.currentTimeMillis();
    if (now - lastBacklogMeasure < BACKLOG_MEASURE_MS) {
      return;
    }
    lastBacklogMeasure = now;
    pool.query(backlogQuery)
        .execute()
        .onSuccess(
            rows -> {
              Row row = rows.iterator().next();
              backlog.set(row.getLong("waiting"));
              oldestAgeMs.set(row.getLong("age_ms"));
            });
  }

  /**
   * Marks what was delivered last and reads what waits, then delivers that, and goes on while batches come
   * full. No transaction is held while the sink works: the advisory lock already makes this loop the only
   * reader. Answers whether more may wait (the last batch read was full).
   */
  private Future<Boolean> drain() {
    boolean overlap = lastFailure == null;
    return read(List.of())
        .compose(
            batch ->
                batch.isEmpty()
                    ? Future.succeededFuture(false)
                    : follow(batch, deliver(batch, Future.succeededFuture()), overlap));
  }

  /**
   * {@code ahead} was handed to the sink and {@code delivering} answers for it: reads and hands over the next
   * batch meanwhile, where overlapping, then waits for {@code ahead} before it goes on.
   */
  private Future<Boolean> follow(
      List<OutboxEvent> ahead, Future<Void> delivering, boolean overlap) {
    boolean full = ahead.size() == batchSize;
    if (!full || !overlap || stopped || !leader) {
      return delivering.map(full);
    }
    return read(ahead)
        .transform(
            next -> {
              if (next.failed() || next.result().isEmpty()) {
                // the read's failure waits for the batch on its way, and then fails the drain
                return delivering.compose(
                    delivered ->
                        next.failed()
                            ? Future.failedFuture(next.cause())
                            : Future.succeededFuture(false));
              }
              Future<Void> thenNext = deliver(next.result(), delivering);
              return delivering.transform(
                  delivered ->
                      delivered.succeeded()
                          ? follow(next.result(), thenNext, true)
                          // whatever the sink answers for the next batch, it is not marked
                          : thenNext.transform(ignored -> Future.failedFuture(delivered.cause())));
            });
  }

  /**
   * Marks what was delivered (and is not on its way any more) and reads the next batch, leaving out
   * {@code onItsWay}.
   */
  private Future<List<OutboxEvent>> read(List<OutboxEvent> onItsWay) {
    Long[] marking = unmarked.toArray(Long[]::new);
    Long[] leftOut = new Long[marking.length + onItsWay.size()];
    System.arraycopy(marking, 0, leftOut, 0, marking.length);
    for (int i = 0; i < onItsWay.size(); i++) {
      leftOut[marking.length + i] = onItsWay.get(i).seq();
    }
    Future<RowSet<Row>> rows =
        marking.length == 0
            ? pool.preparedQuery(select).execute(Tuple.of(batchSize).addArrayOfLong(leftOut))
            : pool.preparedQuery(markAndSelect)
                .execute(Tuple.of(batchSize).addArrayOfLong(marking).addArrayOfLong(leftOut));
    return rows.map(
        read -> {
          // marks added while the read ran (a batch before it answered) wait for the next one
          unmarked.subList(0, marking.length).clear();
          List<OutboxEvent> batch = new ArrayList<>(read.size());
          for (Row row : read) {
            batch.add(
                new OutboxEvent(
                    row.getLong("seq"),
                    row.getUUID("id"),
                    row.getString("aggregate_id"),
                    row.getString("address"),
                    row.getString("payload"),
                    row.getOffsetDateTime("occurred_at").toInstant(),
                    row.getString("traceparent")));
          }
          return batch;
        });
  }

  /**
   * Hands the batch to the sink now; once it and {@code before} (the batch ahead of it) answered, records what
   * the next read marks: what the sink took, from the start, after a partial delivery (the rest goes again,
   * in order), and nothing when the batch ahead was not delivered whole.
   */
  private Future<Void> deliver(List<OutboxEvent> batch, Future<Void> before) {
    Future<Integer> sent = sink.deliver(batch);
    return sent.transform(
        done ->
            before.transform(
                ahead -> {
                  if (ahead.failed()) {
                    return Future.failedFuture(ahead.cause());
                  }
                  int delivered =
                      done.succeeded()
                          ? done.result()
                          : done.cause() instanceof OutboxSink.PartialDelivery partial
                              ? partial.delivered()
                              : 0;
                  batch.subList(0, delivered).forEach(event -> unmarked.add(event.seq()));
                  return done.succeeded()
                      ? Future.succeededFuture()
                      : Future.failedFuture(done.cause());
                }));
  }

  /** Marks what was delivered and not marked yet (at stop: the next leader would deliver it again otherwise). */
  private Future<Void> markDelivered() {
    if (unmarked.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] marking = unmarked.toArray(Long[]::new);
    return pool.preparedQuery(markAndSelect)
        .execute(Tuple.of(0).addArrayOfLong(marking).addArrayOfLong(marking))
        .onSuccess(marked -> unmarked.clear())
        .mapEmpty();
  }

  /** Stops delivering, lets the batch on its way finish, then gives the lock up, so that another node takes over at once. */
  Future<Void> stop() {
    stopped = true;
    if (markTimer >= 0) {
      vertx.cancelTimer(markTimer);
    }
    stopWakeUps();
    return inFlight
        .transform(delivered -> markDelivered())
        .transform(
            finished -> {
              Future<Void> unlocked =
                  lockConnection == null ? Future.succeededFuture() : lockConnection.close();
              return Future.join(unlocked, sink.close()).mapEmpty();
            });
  }
}
