package dev.cartwheel.bridge;

import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The dead-letter topic: a rejected record is copied there byte for byte (key, value, headers) with the
 * reason, a detail and where it came from in {@code cartwheel.dlq.*} headers, and counted in
 * {@code bridge.dead_letters}. Only then is its offset committed, so a record is never lost between the two.
 */
final class DeadLetters {

  static final String REASON = "cartwheel.dlq.reason";
  static final String DETAIL = "cartwheel.dlq.detail";
  static final String TOPIC = "cartwheel.dlq.topic";
  static final String PARTITION = "cartwheel.dlq.partition";
  static final String OFFSET = "cartwheel.dlq.offset";

  private static final String COUNT = "INSERT INTO bridge.dead_letters (reason, detail, topic, partition_no, record_offset, ce_source, ce_id)"
    + " VALUES ($1, $2, $3, $4, $5, $6, $7)";

  private final String topic;
  private final Pool pool;
  private final KafkaProducer<byte[], byte[]> producer;

  DeadLetters(Vertx vertx, Pool pool, String topic, String bootstrap) {
    this.topic = topic;
    this.pool = pool;
    this.producer = KafkaProducer.create(vertx, Map.of(
      "bootstrap.servers", bootstrap,
      "acks", "all",
      "enable.idempotence", "true",
      "key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer",
      "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"));
  }

  /** @param event the CloudEvent when the record was one, else null */
  Future<Void> reject(ConsumerRecord<byte[], byte[]> record, CloudEvent event, Rejection rejection) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add(REASON, bytes(rejection.reason()));
    headers.add(DETAIL, bytes(rejection.getMessage()));
    headers.add(TOPIC, bytes(record.topic()));
    headers.add(PARTITION, bytes(String.valueOf(record.partition())));
    headers.add(OFFSET, bytes(String.valueOf(record.offset())));
    ProducerRecord<byte[], byte[]> copy = new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    return producer.asStream().send(copy)
      .compose(sent -> pool.preparedQuery(COUNT).execute(Tuple.of(rejection.reason(), rejection.getMessage(), record.topic(),
        record.partition(), record.offset(), event == null ? null : event.getSource().toString(), event == null ? null : event.getId())))
      .mapEmpty();
  }

  Future<Void> close() {
    return producer.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
