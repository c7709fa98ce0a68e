package dev.cartwheel.runtime.kafka;

import dev.cartwheel.codecs.cloudevents.CloudEventTypes;
import dev.cartwheel.codecs.cloudevents.PreviousVersion;
import dev.cartwheel.runtime.config.ConfigReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The kafka.* keys of the outbound side: where each domain's events go, which topics are written in
 * structured mode, how long a send may take before the relay gives the batch up and tries again, the
 * public address of the event schemas (each event's {@code dataschema} is under it), and until when each
 * previous version of a type is published beside the current one.
 */
public record KafkaOutbound(
    boolean enabled,
    String bootstrap,
    Map<String, String> topics,
    Set<String> structuredTopics,
    Duration sendTimeout,
    Duration linger,
    URI schemaBase,
    Map<String, List<PreviousVersion>> previousVersions,
    Map<String, LocalDate> previousVersionsUntil) {

  private static final Pattern UNTIL = Pattern.compile("\\s+until\\s+");

  public static KafkaOutbound from(ConfigReader config) {
    boolean enabled = config.bool("kafka.outbound.enabled");
    Map<String, String> topics =
        config.json().getJsonObject("kafka").getJsonObject("topics").fieldNames().stream()
            .collect(
                Collectors.toMap(
                    domain -> domain, domain -> config.requiredString("kafka.topics." + domain)));
    return new KafkaOutbound(
        enabled,
        enabled ? config.requiredString("kafka.bootstrap") : "",
        topics,
        Set.copyOf(config.strings("kafka.outbound.structuredTopics")),
        config.millis("kafka.outbound.sendTimeoutMs", 1000, 600_000),
        config.millis("kafka.outbound.lingerMs", 0, 1000),
        schemaBase(config.requiredString("kafka.outbound.schemaBaseUrl")),
        CloudEventTypes.PREVIOUS_VERSIONS,
        windows(config.strings("kafka.outbound.previousVersions"), CloudEventTypes.previous()));
  }

  /**
   * {@code "dev.cartwheel.orders.order-placed.v1 until 2027-06-30"}: published beside its successor up to
   * and including that day. Every previous version needs one, and nothing else may have one.
   */
  static Map<String, LocalDate> windows(List<String> entries, List<String> previousTypes) {
    Map<String, LocalDate> windows = new HashMap<>();
    for (String entry : entries) {
      String[] parts = UNTIL.split(entry.trim(), -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "kafka.outbound.previousVersions: \""
                + entry
                + "\" is not \"<type> until <yyyy-mm-dd>\"");
      }
      if (!previousTypes.contains(parts[0])) {
        throw new IllegalArgumentException(
            "kafka.outbound.previousVersions: "
                + parts[0]
                + " is not a previous version of an event type (those are: "
                + previousTypes
                + ")");
      }
      try {
        windows.put(parts[0], LocalDate.parse(parts[1]));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "kafka.outbound.previousVersions: " + parts[1] + " is not a date (yyyy-mm-dd)", e);
      }
    }
    List<String> missing =
        previousTypes.stream().filter(type -> !windows.containsKey(type)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "kafka.outbound.previousVersions needs the last day on which each previous version is still"
              + " published; it has none for "
              + missing);
    }
    return Map.copyOf(windows);
  }

  private static URI schemaBase(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("kafka.outbound.schemaBaseUrl: " + e.getMessage(), e);
    }
    if (!uri.isAbsolute() || !url.endsWith("/")) {
      throw new IllegalArgumentException(
          "kafka.outbound.schemaBaseUrl must be an absolute URL ending in /, not " + url);
    }
    return uri;
  }

  public String topic(String domain) {
    String topic = topics.get(domain);
    if (topic == null) {
      throw new IllegalStateException("kafka.topics." + domain + " is not configured");
    }
    return topic;
  }

  /**
   * No loss: every in-sync replica acknowledges, and idempotence keeps retries from duplicating or
   * reordering a partition's records. A send fails after {@code sendTimeout}, also while Kafka is away.
   */
  public Map<String, String> producerConfig() {
    long timeout = sendTimeout.toMillis();
    return Map.of(
        "bootstrap.servers",
        bootstrap,
        "acks",
        "all",
        "enable.idempotence",
        "true",
        "max.in.flight.requests.per.connection",
        "5",
        "linger.ms",
        String.valueOf(linger.toMillis()),
        "request.timeout.ms",
        String.valueOf(timeout / 2),
        "delivery.timeout.ms",
        String.valueOf(timeout),
        "max.block.ms",
        String.valueOf(timeout),
        "key.serializer",
        "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer",
        "org.apache.kafka.common.serialization.ByteArraySerializer");
  }
}
