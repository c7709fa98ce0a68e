package dev.cartwheel.launcher;

import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.kafka.KafkaOutbound;
import io.vertx.core.Future;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import io.vertx.kafka.admin.TopicDescription;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's Kafka topics: each domain's ({@code kafka.topics.*}), the inbound ones and the dead-letter
 * topic. Where {@code kafka.provision.create} is on (the default, made for the embedded broker), the node
 * creates those missing with {@code kafka.provision.partitions} and {@code replicationFactor}, at start and
 * at every readiness probe that finds one gone. Where it is off (the {@code prod} profile: topics are the
 * operator's), a missing topic makes the node not ready and is named in the log, rather than left to a
 * broker's silent auto-creation. A topic with fewer partitions than configured is left as it is, with a
 * warning: adding partitions moves keys to other partitions, which is the operator's call.
 */
final class KafkaTopics {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

  record Settings(Set<String> names, boolean create, int partitions, short replicationFactor) {

    static Settings from(ConfigReader config) {
      Set<String> names = new TreeSet<>(KafkaOutbound.from(config).topics().values());
      names.addAll(config.strings("bridge.inboundTopics"));
      names.add(config.requiredString("bridge.deadLetterTopic"));
      return new Settings(
          names,
          config.bool("kafka.provision.create"),
          config.integer("kafka.provision.partitions", 1, 10_000),
          (short) config.integer("kafka.provision.replicationFactor", 1, 32));
    }
  }

  private final KafkaAdminClient admin;
  private final Settings settings;

  KafkaTopics(KafkaAdminClient admin, Settings settings) {
    this.admin = admin;
    this.settings = settings;
  }

  /** At start: creates what is missing (where allowed) and warns about topics with fewer partitions than configured. */
  Future<Void> provision() {
    return ensure()
        .compose(present -> admin.describeTopics(List.copyOf(settings.names())))
        .onSuccess(this::warnAboutPartitions)
        .mapEmpty();
  }

  /** Succeeds when every topic exists (after creating the missing ones, where allowed); fails naming those missing. */
  Future<Void> ensure() {
    return admin
        .listTopics()
        .compose(
            existing -> {
              Set<String> missing = new TreeSet<>(settings.names());
              missing.removeAll(existing);
              if (missing.isEmpty()) {
                return Future.succeededFuture();
              }
              if (!settings.create()) {
                return Future.failedFuture(
                    "the Kafka topics "
                        + missing
                        + " are missing; kafka.provision.create is off, so they are"
                        + " the operator's to create (docker/k8s/25-kafka-topics-job.yaml does)");
              }
              List<NewTopic> topics =
                  missing.stream()
                      .map(
                          name ->
                              new NewTopic(
                                  name, settings.partitions(), settings.replicationFactor()))
                      .toList();
              return admin
                  .createTopics(topics)
                  // another node created one meanwhile: the next probe lists them again
                  .recover(
                      error ->
                          createdElsewhere(error)
                              ? Future.succeededFuture()
                              : Future.failedFuture(error))
                  .onSuccess(
                      created ->
                          LOG.info(
                              "Created the Kafka topics {} ({} partitions, replication factor {})",
                              missing,
                              settings.partitions(),
                              settings.replicationFactor()))
                  .onFailure(
                      error ->
                          LOG.warn(
                              "Could not create the Kafka topics {}: {}",
                              missing,
                              error.getMessage()));
            });
  }

  private static boolean createdElsewhere(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof TopicExistsException) {
        return true;
      }
    }
    return false;
  }

  private void warnAboutPartitions(Map<String, TopicDescription> topics) {
    topics.forEach(
        (name, topic) -> {
          if (topic.getPartitions().size() < settings.partitions()) {
            LOG.warn(
                "Kafka topic {} has {} partitions where kafka.provision.partitions asks for {}; it is left as it is"
                    + " (adding partitions moves keys to other partitions: kafka-topics.sh --alter, if you mean it)",
                name,
                topic.getPartitions().size(),
                settings.partitions());
          }
        });
  }
}
