package dev.cartwheel.bridge;

import dev.cartwheel.codecs.bridge.BridgeContract;
import dev.cartwheel.runtime.bus.Endpoints;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.Migrations;
import dev.cartwheel.runtime.db.Pools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka bridge's inbound side: CloudEvents from the bridge.inboundTopics become event-bus commands;
 * operators count and replay its dead letters over the event bus (the gateway's admin API).
 * (The outbound side, domain events to Kafka, is each domain's outbox relay.) Instances on several nodes
 * share the topics' partitions through the consumer group.
 */
public final class BridgeVerticle extends VerticleBase {

  static final String SCHEMA = "bridge";

  private static final Logger LOG = LoggerFactory.getLogger(BridgeVerticle.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private Pool pool;
  private Endpoints endpoints;
  private DeadLetters deadLetters;
  private InboundConsumer consumer;

  @Override
  public Future<?> start() {
    BridgeConfig settings = BridgeConfig.from(new ConfigReader(config()));
    return Migrations.migrate(vertx, settings.pg(), SCHEMA)
        .compose(migrated -> Pools.shared(vertx, settings.pg(), SCHEMA))
        .compose(
            leased -> {
              pool = leased;
              deadLetters =
                  new DeadLetters(vertx, pool, settings.deadLetterTopic(), settings.bootstrap());
              consumer =
                  new InboundConsumer(
                      vertx, new InboundProcessor(vertx, pool, deadLetters, settings), settings);
              endpoints =
                  new Endpoints(vertx, LOG)
                      .reply(BridgeContract.COUNT_DEAD_LETTERS, deadLetters::count)
                      .reply(BridgeContract.REPLAY_DEAD_LETTERS, deadLetters::replay);
              return consumer.start().compose(started -> endpoints.ready(BridgeContract.DOMAIN));
            });
  }

  @Override
  public Future<?> stop() {
    Future<Void> drained =
        endpoints == null ? Future.succeededFuture() : endpoints.drain(DRAIN_TIMEOUT);
    return drained
        .transform(done -> consumer == null ? Future.succeededFuture() : consumer.stop())
        .transform(
            done ->
                Future.join(
                    deadLetters == null ? Future.succeededFuture() : deadLetters.close(),
                    pool == null ? Future.succeededFuture() : pool.close()));
  }
}
