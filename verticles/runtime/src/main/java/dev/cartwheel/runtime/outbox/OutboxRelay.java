package dev.cartwheel.runtime.outbox;

import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.codecs.Headers;
import dev.cartwheel.codecs.RecordJson;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.PgSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes a domain's outbox on the event bus, oldest first, at least once: an event is marked
 * published only after it was handed to the bus, in the same transaction that read it, so a crash in
 * between publishes it again (consumers remember event ids). Exactly one relay per domain is active in
 * the whole cluster: the one holding the PostgreSQL advisory lock of the domain on a connection of its
 * own. That keeps every aggregate's events in order; when its node dies, the connection drops, the lock
 * frees, and another node's relay takes over at its next poll.
 */
public final class OutboxRelay {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  /** How often a follower tries to take the lead over: it costs one query, so not at every poll. */
  private static final long LEAD_ATTEMPT_MS = 1000;

  /** How often, and how much: the outbox.* configuration keys. */
  public record Settings(Duration pollInterval, int batchSize, Duration retention) {

    public static Settings from(ConfigReader config) {
      return new Settings(
        config.millis("outbox.pollMs", 10, 60_000),
        config.integer("outbox.batchSize", 1, 10_000),
        Duration.ofHours(config.integer("outbox.retentionHours", 1, 24 * 365)));
    }
  }

  private final Vertx vertx;
  private final Pool pool;
  private final PgSettings pg;
  private final String schema;
  private final Map<String, Class<? extends DomainEvent>> events;
  private final Settings settings;
  private final String select;
  private final String markPublished;
  private final String forget;

  private PgConnection lockConnection;
  private boolean leader;
  private boolean draining;
  private boolean drainAgain;
  private boolean stopped;
  private long timer = -1;
  private long lastCleanup;
  private long lastLeadAttempt;
  private String lastFailure;

  public OutboxRelay(Vertx vertx, Pool pool, PgSettings pg, String schema, Outbox outbox, Settings settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.pg = pg;
    this.schema = schema;
    this.events = outbox.events();
    this.settings = settings;
    this.select = "SELECT seq, id, address, payload::text AS payload FROM " + schema + ".outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1";
    this.markPublished = "UPDATE " + schema + ".outbox SET published_at = now() WHERE seq = ANY($1)";
    this.forget = "DELETE FROM " + schema + ".outbox WHERE published_at < now() - make_interval(secs => $1)";
  }

  public void start() {
    timer = vertx.setPeriodic(1, settings.pollInterval().toMillis(), tick -> nudge());
  }

  /** Publishes what is waiting now, if this relay leads; call it after a local commit to cut latency. */
  public void nudge() {
    if (stopped) {
      return;
    }
    if (draining) {
      drainAgain = true;
      return;
    }
    draining = true;
    lead().compose(leading -> leading ? drain() : Future.succeededFuture(0))
      .onComplete(done -> {
        draining = false;
        if (done.failed()) {
          // once per kind of failure, not once per poll while the database is away
          if (!String.valueOf(done.cause().getMessage()).equals(lastFailure)) {
            lastFailure = String.valueOf(done.cause().getMessage());
            LOG.warn("Outbox relay of {} failed; retrying at every poll: {}", schema, lastFailure);
          }
          return;
        }
        lastFailure = null;
        if (drainAgain || done.result() == settings.batchSize()) {
          drainAgain = false;
          vertx.runOnContext(again -> nudge());
        }
      });
  }

  private Future<Boolean> lead() {
    if (leader) {
      return Future.succeededFuture(true);
    }
    long now = System.currentTimeMillis();
    if (now - lastLeadAttempt < LEAD_ATTEMPT_MS) {
      return Future.succeededFuture(false);
    }
    lastLeadAttempt = now;
    Future<PgConnection> connection = lockConnection != null ? Future.succeededFuture(lockConnection)
      : PgConnection.connect(vertx, pg.connectOptions()).onSuccess(opened -> {
        lockConnection = opened;
        opened.closeHandler(closed -> {
          lockConnection = null;
          leader = false;
        });
      });
    return connection
      .compose(opened -> opened.preparedQuery("SELECT pg_try_advisory_lock(hashtext($1)) AS locked").execute(Tuple.of("cartwheel.outbox." + schema)))
      .map(rows -> {
        leader = rows.iterator().next().getBoolean("locked");
        if (leader) {
          LOG.info("This node now relays the {} outbox", schema);
        }
        return leader;
      });
  }

  private Future<Integer> drain() {
    return pool.withTransaction(tx -> tx.preparedQuery(select).execute(Tuple.of(settings.batchSize())).compose(rows -> {
      List<Long> published = new ArrayList<>();
      for (Row row : rows) {
        publish(row);
        published.add(row.getLong("seq"));
      }
      if (published.isEmpty()) {
        return Future.succeededFuture(0);
      }
      return tx.preparedQuery(markPublished).execute(Tuple.tuple().addArrayOfLong(published.toArray(Long[]::new))).map(updated -> published.size());
    })).compose(count -> cleanUp().map(count));
  }

  /**
   * Hands one event to the bus. A row this node cannot read (an address or a shape it does not know:
   * a newer node wrote it, or a bug) is logged with its id and passed over, so it cannot block every event
   * behind it; it stays in the table for inspection.
   */
  private void publish(Row row) {
    String address = row.getString("address");
    Class<? extends DomainEvent> type = events.get(address);
    try {
      if (type == null) {
        throw new IllegalArgumentException("no event is published on " + address);
      }
      vertx.eventBus().publish(address, RecordJson.decode(row.getString("payload"), type),
        new DeliveryOptions().addHeader(Headers.EVENT_ID, row.getUUID("id").toString()));
    } catch (IllegalArgumentException e) {
      LOG.error("Outbox of {}: passing over unreadable event {} ({}): {}", schema, row.getUUID("id"), address, e.getMessage());
    }
  }

  /** Published events are kept for outbox.retentionHours (to inspect, to replay), then deleted. */
  private Future<Void> cleanUp() {
    long now = System.currentTimeMillis();
    if (now - lastCleanup < Duration.ofMinutes(1).toMillis()) {
      return Future.succeededFuture();
    }
    lastCleanup = now;
    return pool.preparedQuery(forget).execute(Tuple.of((double) settings.retention().toSeconds())).mapEmpty();
  }

  /** Stops relaying and gives the lock up, so that another node takes over at once. */
  public Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return lockConnection == null ? Future.succeededFuture() : lockConnection.close();
  }
}
