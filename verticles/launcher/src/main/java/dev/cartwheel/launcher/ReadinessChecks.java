package dev.cartwheel.launcher;

import dev.cartwheel.runtime.config.EnvOverrides;
import dev.cartwheel.runtime.db.PgSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code /health/ready} checks on this node: PostgreSQL answers a query, the Kafka broker answers a
 * metadata request, the platform's topics exist (see {@link KafkaTopics}), every planned verticle is
 * deployed (and shutdown has not begun), and, when clustered, the node is still a cluster member. Each check has its own small connection and a timeout.
 * A check says UP or DOWN, nothing more: the endpoint is public, so why a check fails (host names,
 * driver errors) goes to the log, once per change rather than once per probe.
 */
final class ReadinessChecks {

  private static final Logger LOG = LoggerFactory.getLogger(ReadinessChecks.class);

  private final HealthChecks checks;
  private final Pool postgres;
  private final KafkaAdminClient kafka;
  private final KafkaTopics topics;
  private final Set<String> down = ConcurrentHashMap.newKeySet();

  ReadinessChecks(
      Vertx vertx,
      PgSettings pg,
      String kafkaBootstrap,
      KafkaTopics.Settings topicSettings,
      long timeoutMs) {
    postgres =
        PgBuilder.pool()
            // one connection; a probe that would queue behind a hanging one fails at once instead
            .with(
                new PoolOptions()
                    .setMaxSize(1)
                    .setMaxWaitQueueSize(1)
                    .setName("cartwheel-readiness"))
            .connectingTo(pg.connectOptions())
            .using(vertx)
            .build();
    String apiTimeout = String.valueOf(Math.max(100, timeoutMs - 100));
    kafka =
        KafkaAdminClient.create(
            vertx,
            Map.of(
                "bootstrap.servers", kafkaBootstrap,
                "client.id", "cartwheel-readiness",
                "request.timeout.ms", apiTimeout,
                "default.api.timeout.ms", apiTimeout));
    checks = HealthChecks.create(vertx);
    checks.register(
        "postgres",
        timeoutMs,
        promise -> outcome("postgres", postgres.query("SELECT 1").execute()).onComplete(promise));
    checks.register(
        "kafka",
        timeoutMs,
        promise -> outcome("kafka", kafka.describeCluster()).onComplete(promise));
    topics = new KafkaTopics(kafka, topicSettings);
    checks.register(
        "kafka-topics",
        timeoutMs,
        promise -> outcome("kafka-topics", topics.ensure()).onComplete(promise));
  }

  /** Adds the checks that depend on the node being assembled. */
  void watch(BooleanSupplier serving, BooleanSupplier clusterMember, boolean clustered) {
    checks.register(
        "deployments",
        promise -> promise.complete(serving.getAsBoolean() ? Status.OK() : Status.KO()));
    if (clustered) {
      checks.register(
          "cluster",
          promise -> promise.complete(clusterMember.getAsBoolean() ? Status.OK() : Status.KO()));
    }
  }

  /** A check that passes once {@code done} says so. */
  void require(String name, BooleanSupplier done) {
    checks.register(
        name, promise -> promise.complete(done.getAsBoolean() ? Status.OK() : Status.KO()));
  }

  /**
   * Fails, naming the address and its setting, when PostgreSQL does not answer: every domain needs it at start
   * (migrations), where a driver's "Connection refused" would name nothing.
   */
  Future<Void> reachPostgres(PgSettings pg, long timeoutMs) {
    return postgres
        .query("SELECT 1")
        .execute()
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .recover(
            error ->
                Future.failedFuture(
                    new IllegalStateException(
                        "PostgreSQL at "
                            + pg.displayUrl()
                            + " (pg.url, "
                            + EnvOverrides.envName("pg.url")
                            + ") cannot be reached: "
                            + error.getMessage())));
  }

  KafkaTopics topics() {
    return topics;
  }

  HealthChecks checks() {
    return checks;
  }

  private Future<Status> outcome(String check, Future<?> probe) {
    return probe
        .map(
            ignored -> {
              if (down.remove(check)) {
                LOG.info("Readiness: {} passes again", check);
              }
              return Status.OK();
            })
        .otherwise(
            error -> {
              if (down.add(check)) {
                LOG.warn("Readiness: {} fails: {}", check, error.getMessage());
              }
              return Status.KO();
            });
  }

  Future<?> close() {
    return Future.join(postgres.close(), kafka.close());
  }
}
