package dev.cartwheel.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(240)
class KafkaBrokerIT {

  private static final Path DIR = Path.of("target", "it-kafka");

  @Test
  void startsARealKraftBrokerInItsOwnJvmThatKeepsRecordsAcrossRestarts() throws Exception {
    ServiceDirectory.deleteRecursively(DIR.resolve("logs"));
    long pid;
    int port;
    try (KafkaBroker broker = KafkaBroker.start(DIR, 0, false)) {
      pid = broker.pid();
      port = Integer.parseInt(broker.bootstrap().substring("127.0.0.1:".length()));
      assertThat(ProcessHandle.of(pid)).isPresent();
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  broker.bootstrap(),
                  ProducerConfig.ACKS_CONFIG,
                  "all"),
              new StringSerializer(),
              new StringSerializer())) {
        producer.send(new ProducerRecord<>("kept", "key", "still here")).get();
      }
    }
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
        .as("broker process stopped")
        .isEmpty();
    assertThat(Ports.accepts(port)).as("stopped broker releases its port").isFalse();

    try (KafkaBroker again = KafkaBroker.start(DIR, 0, false)) {
      assertThat(consumeAll(again.bootstrap(), "kept")).containsExactly("still here");
    }
  }

  private static List<String> consumeAll(String bootstrap, String topic) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<String> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
      return values;
    }
  }
}
