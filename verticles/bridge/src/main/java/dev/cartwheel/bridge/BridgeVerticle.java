package dev.cartwheel.bridge;

import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.Migrations;
import dev.cartwheel.runtime.db.Pools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;

/**
 * The Kafka bridge's inbound side: CloudEvents from the bridge.inboundTopics become event-bus commands.
 * (The outbound side, domain events to Kafka, is each domain's outbox relay.) Instances on several nodes
 * share the topics' partitions through the consumer group.
 */
public final class BridgeVerticle extends VerticleBase {

  static final String SCHEMA = "bridge";

  private Pool pool;
  private DeadLetters deadLetters;
  private InboundConsumer consumer;

  @Override
  public Future<?> start() {
    BridgeConfig settings = BridgeConfig.from(new ConfigReader(config()));
    return Migrations.migrate(vertx, settings.pg(), SCHEMA).compose(migrated -> {
      pool = Pools.shared(vertx, settings.pg(), SCHEMA);
      deadLetters = new DeadLetters(vertx, pool, settings.deadLetterTopic(), settings.bootstrap());
      consumer = new InboundConsumer(vertx, new InboundProcessor(vertx, pool, deadLetters, settings), settings);
      return consumer.start();
    });
  }

  @Override
  public Future<?> stop() {
    Future<Void> consumed = consumer == null ? Future.succeededFuture() : consumer.stop();
    return consumed.transform(done -> Future.join(
      deadLetters == null ? Future.succeededFuture() : deadLetters.close(),
      pool == null ? Future.succeededFuture() : pool.close()));
  }
}
