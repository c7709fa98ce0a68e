package dev.cartwheel.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Writes restock CloudEvents (binary mode, hand-written ce_ headers, as any producer could) to a topic as
 * fast as Kafka takes them, for the inbound bench: args bootstrap topic count skuPrefix. The restocks go
 * round-robin to skuPrefix-00..11, each sku keyed to its own partition.
 */
public final class InboundFeeder {

  static final int SKUS = 12;

  public static void main(String[] args) {
    String bootstrap = args[0];
    String topic = args[1];
    int count = Integer.parseInt(args[2]);
    String skuPrefix = args[3];
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
      "bootstrap.servers", bootstrap, "acks", "all", "linger.ms", "5"), new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        String sku = String.format("%s-%02d", skuPrefix, i % SKUS);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, sku, "{\"sku\":\"" + sku + "\",\"quantity\":1}");
        record.headers()
          .add("ce_specversion", bytes("1.0"))
          .add("ce_id", bytes(UUID.randomUUID().toString()))
          .add("ce_source", bytes("/bench/warehouse"))
          .add("ce_type", bytes("dev.cartwheel.warehouse.restock.v1"))
          .add("content-type", bytes("application/json"));
        producer.send(record);
      }
      producer.flush();
    }
    System.out.println("fed " + count + " records to " + topic);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
