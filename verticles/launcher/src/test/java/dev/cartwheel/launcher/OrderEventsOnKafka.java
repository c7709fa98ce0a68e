package dev.cartwheel.launcher;

import dev.cartwheel.testkit.TestServices;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The order events on Kafka ({@code cartwheel.orders}), read from the start as a consumer that dedupes by
 * CloudEvent id would: for each order (the record key), the distinct event ids of each type.
 */
final class OrderEventsOnKafka {

  static final String PLACED = "dev.cartwheel.orders.order-placed.v1";
  static final String CONFIRMED = "dev.cartwheel.orders.order-confirmed.v1";
  static final String CANCELLED = "dev.cartwheel.orders.order-cancelled.v1";

  /** order id → event type → distinct event ids. */
  final Map<String, Map<String, Set<String>>> byOrder = new HashMap<>();

  /** order id → event type → the CloudEvent's traceparent extension (null when it had none). */
  final Map<String, Map<String, String>> traceparents = new HashMap<>();

  /** Records seen again with an id already seen (an at-least-once resend, removed by the dedupe). */
  int redelivered;

  private OrderEventsOnKafka() {}

  /** Reads until every order has its placed event and a final one, or the time is up. */
  static OrderEventsOnKafka read(Collection<String> orderIds, Duration within) {
    return read(TestServices.kafkaBootstrap(), orderIds, within);
  }

  static OrderEventsOnKafka read(String bootstrap, Collection<String> orderIds, Duration within) {
    OrderEventsOnKafka events = new OrderEventsOnKafka();
    Set<String> seen = new HashSet<>();
    try (KafkaConsumer<String, CloudEvent> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "group.id",
                "it-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest",
                "enable.auto.commit",
                "false"),
            new StringDeserializer(),
            new CloudEventDeserializer())) {
      consumer.subscribe(List.of("cartwheel.orders"));
      long deadline = System.nanoTime() + within.toNanos();
      boolean complete = false;
      while (!complete && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> events.add(record, seen));
        complete = orderIds.stream().allMatch(events::isComplete);
      }
      // one more read, so that a resend right after the last wanted record is counted too
      consumer.poll(Duration.ofSeconds(1)).forEach(record -> events.add(record, seen));
    }
    return events;
  }

  private void add(ConsumerRecord<String, CloudEvent> record, Set<String> seen) {
    if (!seen.add(record.value().getId())) {
      redelivered++;
      return;
    }
    byOrder
        .computeIfAbsent(record.key(), key -> new HashMap<>())
        .computeIfAbsent(record.value().getType(), type -> new HashSet<>())
        .add(record.value().getId());
    Object traceparent = record.value().getExtension("traceparent");
    traceparents
        .computeIfAbsent(record.key(), key -> new HashMap<>())
        .put(record.value().getType(), traceparent == null ? null : traceparent.toString());
  }

  boolean isComplete(String orderId) {
    Map<String, Set<String>> types = byOrder.getOrDefault(orderId, Map.of());
    return types.containsKey(PLACED)
        && (types.containsKey(CONFIRMED) || types.containsKey(CANCELLED));
  }

  /** How many distinct events of {@code type} the order has (1 when exactly once after dedupe). */
  int count(String orderId, String type) {
    return byOrder.getOrDefault(orderId, Map.of()).getOrDefault(type, Set.of()).size();
  }
}
