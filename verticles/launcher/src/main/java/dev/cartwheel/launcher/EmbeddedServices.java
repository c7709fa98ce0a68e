package dev.cartwheel.launcher;

import dev.cartwheel.embedded.KafkaBroker;
import dev.cartwheel.embedded.PostgresServer;
import dev.cartwheel.runtime.config.ConfigException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The embedded PostgreSQL and Kafka a node starts when it is given no external ones (and the profile
 * allows it), in parallel, with their data under {@code embedded.dataDir}. Stopped last, after the
 * verticles have drained.
 */
final class EmbeddedServices {

  private final PostgresServer postgres;
  private final KafkaBroker kafka;

  private EmbeddedServices(PostgresServer postgres, KafkaBroker kafka) {
    this.postgres = postgres;
    this.kafka = kafka;
  }

  static EmbeddedServices startAsNeeded(NodeSettings settings, String profile) {
    boolean needPostgres = settings.pgUrl().isEmpty();
    boolean needKafka = settings.kafkaBootstrap().isEmpty();
    if ((needPostgres || needKafka) && !settings.embedded().enabled()) {
      throw new ConfigException(
          needPostgres ? "pg.url" : "kafka.bootstrap",
          "is required in profile '"
              + profile
              + "' (embedded services are off there: embedded.enabled is false)");
    }
    NodeSettings.Embedded embedded = settings.embedded();
    CompletableFuture<PostgresServer> postgres =
        needPostgres
            ? CompletableFuture.supplyAsync(
                () ->
                    PostgresServer.start(
                        embedded.dataDir().resolve("postgres"), embedded.pgPort(), false))
            : CompletableFuture.completedFuture(null);
    CompletableFuture<KafkaBroker> kafka =
        needKafka
            ? CompletableFuture.supplyAsync(
                () ->
                    KafkaBroker.start(
                        embedded.dataDir().resolve("kafka"), embedded.kafkaPort(), false))
            : CompletableFuture.completedFuture(null);
    try {
      CompletableFuture.allOf(postgres, kafka).join();
    } catch (CompletionException e) {
      // allOf has waited for both: closes, here and now, whichever started; the one that failed has
      // nothing to close
      CompletableFuture<Void> unusedPostgresClose =
          postgres.thenAccept(EmbeddedServices::closeQuietly);
      CompletableFuture<Void> unusedKafkaClose = kafka.thenAccept(EmbeddedServices::closeQuietly);
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    return new EmbeddedServices(postgres.join(), kafka.join());
  }

  String pgUrl(NodeSettings settings) {
    return settings.pgUrl().orElseGet(() -> postgres.url());
  }

  String kafkaBootstrap(NodeSettings settings) {
    return settings.kafkaBootstrap().orElseGet(() -> kafka.bootstrap());
  }

  boolean runsPostgres() {
    return postgres != null;
  }

  boolean runsKafka() {
    return kafka != null;
  }

  /** Kafka first (the relays that fed it are gone), then PostgreSQL; each bounds its own stop. */
  void close(StopStages stages) {
    if (kafka != null) {
      stages.run("stopped the embedded Kafka broker", kafka::close);
    }
    if (postgres != null) {
      stages.run("stopped the embedded PostgreSQL", postgres::close);
    }
  }

  private static void closeQuietly(AutoCloseable service) {
    if (service == null) {
      return;
    }
    try {
      service.close();
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(EmbeddedServices.class)
          .warn("Could not stop {}: {}", service.getClass().getSimpleName(), e.getMessage());
    }
  }
}
