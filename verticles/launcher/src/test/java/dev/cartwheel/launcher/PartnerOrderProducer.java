package dev.cartwheel.launcher;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The partners' guide's Java producer (docs/event-contracts.md shows the part between the guide
 * markers, and {@code EventContractsIT} checks that it still says the same and still places an order).
 */
final class PartnerOrderProducer {

  private PartnerOrderProducer() {}

  static void send(String bootstrap, String topic, UUID customerId, String partnerOrderId)
      throws ExecutionException, InterruptedException {
    // guide:start
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true);
    String data =
        """
        {"customerId": "%s", "partnerOrderId": "%s",
         "lines": [{"sku": "CW-MUG-01", "quantity": 2}], "paymentToken": "tok_visa"}
        """
            .formatted(customerId, partnerOrderId);
    CloudEvent order =
        CloudEventBuilder.v1()
            .withId(UUID.randomUUID().toString()) // this message; a resend of it keeps the id
            .withSource(URI.create("/partners/acme"))
            .withType("dev.cartwheel.partner.order.v1")
            .withDataContentType("application/json")
            .withData(data.getBytes(StandardCharsets.UTF_8))
            .build();
    // binary content mode (the serializer's default): attributes in ce_ headers, data as the value
    try (KafkaProducer<String, CloudEvent> producer =
        new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer())) {
      producer.send(new ProducerRecord<>(topic, partnerOrderId, order)).get();
    }
    // guide:end
  }
}
