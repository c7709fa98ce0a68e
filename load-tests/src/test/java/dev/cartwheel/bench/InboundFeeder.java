package dev.cartwheel.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Writes inbound CloudEvents (binary mode, hand-written ce_ headers, as any producer could) to a topic as
 * fast as Kafka takes them, for the inbound bench: args bootstrap topic count skuPrefix [customerIds].
 * Without customer ids, restocks: round-robin to skuPrefix-00..11, each keyed by its sku. With them
 * (comma-separated), partner orders: round-robin over the customers, keyed by the customer (a partner keeps one
 * customer's orders in order), each one line of skuPrefix-00..11 paid with tok_visa.
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
      String[] customers = args.length > 4 ? args[4].split(",") : null;
      for (int i = 0; i < count; i++) {
        String sku = String.format("%s-%02d", skuPrefix, i % SKUS);
        producer.send(customers == null ? restock(topic, sku) : partnerOrder(topic, customers[i % customers.length], sku));
      }
      producer.flush();
    }
    System.out.println("fed " + count + " records to " + topic);
  }

  private static ProducerRecord<String, String> restock(String topic, String sku) {
    return cloudEvent(new ProducerRecord<>(topic, sku, "{\"sku\":\"" + sku + "\",\"quantity\":1}"),
      "/bench/warehouse", "dev.cartwheel.warehouse.restock.v1");
  }

  private static ProducerRecord<String, String> partnerOrder(String topic, String customer, String sku) {
    String data = "{\"customerId\":\"" + customer + "\",\"partnerOrderId\":\"" + UUID.randomUUID()
      + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"paymentToken\":\"tok_visa\"}";
    return cloudEvent(new ProducerRecord<>(topic, customer, data), "/bench/partner", "dev.cartwheel.partner.order.v1");
  }

  private static ProducerRecord<String, String> cloudEvent(ProducerRecord<String, String> record, String source, String type) {
    record.headers()
      .add("ce_specversion", bytes("1.0"))
      .add("ce_id", bytes(UUID.randomUUID().toString()))
      .add("ce_source", bytes(source))
      .add("ce_type", bytes(type))
      .add("content-type", bytes("application/json"));
    return record;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
