package dev.cartwheel.bridge;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.PgSettings;
import java.time.Duration;
import java.util.List;

/** The bridge.* keys: which topics feed the platform, where rejects go, and how transient failures are retried. */
public record BridgeConfig(
    PgSettings pg,
    String bootstrap,
    List<String> inboundTopics,
    String groupId,
    String deadLetterTopic,
    int maxAttempts,
    Duration retryBase,
    Duration retryMax,
    Duration requestTimeout) {

  public static BridgeConfig from(ConfigReader config) {
    List<String> topics = config.strings("bridge.inboundTopics");
    if (topics.isEmpty()) {
      throw new ConfigException("bridge.inboundTopics", "names no topic");
    }
    return new BridgeConfig(
        PgSettings.from(config),
        config.requiredString("kafka.bootstrap"),
        topics,
        config.requiredString("bridge.groupId"),
        config.requiredString("bridge.deadLetterTopic"),
        config.integer("bridge.maxAttempts", 1, 100),
        config.millis("bridge.retryBaseMs", 1, 60_000),
        config.millis("bridge.retryMaxMs", 1, 600_000),
        config.millis("bridge.requestTimeoutMs", 100, 600_000));
  }

  /** The longest one record can take: every attempt timing out, with the waits between them. */
  Duration worstCasePerRecord() {
    return requestTimeout.plus(retryMax).multipliedBy(maxAttempts);
  }

  /** The wait before attempt {@code attempt + 1}: doubling from retryBase, capped at retryMax. */
  Duration backoff(int attempt) {
    long millis = retryBase.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, retryMax.toMillis()));
  }
}
