package dev.cartwheel.runtime.outbox;

import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.PgSettings;
import dev.cartwheel.runtime.kafka.KafkaOutbound;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays a domain's outbox to the event bus ({@code <domain>.evt.*}) and, when kafka.outbound.enabled,
 * to the domain's Kafka topic as CloudEvents: one {@link RelayLoop} per destination, each with its own
 * leader lock and its own delivered-column, so Kafka being away never delays the event bus. The domain
 * calls {@link #nudge} after each commit that wrote events, which wakes the leading loops on whichever node
 * they run; every outbox.pollMs they also look by themselves, and a node that does not lead tries to take over. Events
 * delivered everywhere are kept for outbox.retentionHours (to inspect, to replay), then deleted.
 */
public final class OutboxRelay {

  /** How often, and how much: the outbox.* configuration keys, and the Kafka side. */
  public record Settings(
      Duration pollInterval, int batchSize, Duration retention, KafkaOutbound kafka) {

    public static Settings from(ConfigReader config) {
      return new Settings(
          config.millis("outbox.pollMs", 10, 60_000),
          config.integer("outbox.batchSize", 1, 10_000),
          Duration.ofHours(config.integer("outbox.retentionHours", 1, 24 * 365)),
          KafkaOutbound.from(config));
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final long CLEANUP_EVERY_MS = Duration.ofMinutes(1).toMillis();

  private final Vertx vertx;
  private final Context context;
  private final Pool pool;
  private final Settings settings;
  private final List<RelayLoop> loops = new ArrayList<>();
  private final String forget;
  private long pollTimer = -1;
  private long cleanupTimer = -1;

  public OutboxRelay(
      Vertx vertx, Pool pool, PgSettings pg, String schema, Outbox outbox, Settings settings) {
    this.vertx = vertx;
    // the verticle's own context: a batch carries the events of many requests and belongs to none
    // of their traces
    this.context = vertx.getOrCreateContext();
    this.pool = pool;
    this.settings = settings;
    List<OutboxSink> sinks =
        new ArrayList<>(List.of(new EventBusSink(vertx.eventBus(), outbox.events())));
    if (settings.kafka().enabled()) {
      sinks.add(
          new KafkaSink(vertx, schema, outbox.events(), settings.kafka(), settings.batchSize()));
    }
    sinks.forEach(
        sink -> loops.add(new RelayLoop(vertx, pool, pg, schema, sink, settings.batchSize())));
    this.forget =
        "DELETE FROM "
            + schema
            + ".outbox WHERE "
            + sinks.stream()
                .map(sink -> sink.sentColumn() + " < now() - make_interval(secs => $1)")
                .collect(Collectors.joining(" AND "));
  }

  public void start() {
    pollTimer =
        vertx.setPeriodic(
            1, settings.pollInterval().toMillis(), tick -> loops.forEach(RelayLoop::nudge));
    cleanupTimer = vertx.setPeriodic(CLEANUP_EVERY_MS, tick -> cleanUp());
  }

  /** Events were committed on this node: delivers them now where this node leads, else wakes the leader. */
  public void nudge() {
    context.runOnContext(now -> loops.forEach(RelayLoop::wake));
  }

  /** One node is enough: the one leading the event-bus loop. Deleting what is gone already is harmless anyway. */
  private void cleanUp() {
    if (loops.get(0).leads()) {
      pool.preparedQuery(forget)
          .execute(Tuple.of((double) settings.retention().toSeconds()))
          .onFailure(
              error ->
                  LOG.warn(
                      "Outbox clean-up failed; trying again in a minute: {}", error.getMessage()));
    }
  }

  /**
   * Stops relaying and gives every lock up, so that another node takes over at once. Called from any thread: the
   * loops stop on their own context, between two batches.
   */
  public Future<Void> stop() {
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(
        now -> {
          vertx.cancelTimer(pollTimer);
          vertx.cancelTimer(cleanupTimer);
          Future.join(loops.stream().map(RelayLoop::stop).toList())
              .<Void>mapEmpty()
              .onComplete(stopped);
        });
    return stopped.future();
  }
}
