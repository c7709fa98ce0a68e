package dev.cartwheel.bridge;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.bridge.CountDeadLetters;
import dev.cartwheel.codecs.bridge.DeadLetterCounts;
import dev.cartwheel.codecs.bridge.ReplayDeadLetters;
import dev.cartwheel.codecs.bridge.ReplayResult;
import dev.cartwheel.runtime.observability.TraceContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.kafka.client.common.KafkaClientOptions;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topic: a rejected record is copied there byte for byte (key, value, headers) with the
 * reason, a detail, where it came from and the trace that handled it in {@code cartwheel.dlq.*} headers
 * after the original ones, and recorded in
 * {@code bridge.dead_letters} (counts by reason, and the copy an operator replays from). Only then is
 * its offset committed, so a record is never lost between the two.
 */
final class DeadLetters {

  static final String REASON = "cartwheel.dlq.reason";
  static final String DETAIL = "cartwheel.dlq.detail";
  static final String TOPIC = "cartwheel.dlq.topic";
  static final String PARTITION = "cartwheel.dlq.partition";
  static final String OFFSET = "cartwheel.dlq.offset";

  /** The trace of the attempt that rejected the record: ours, so kept apart from the record's own headers. */
  static final String TRACEPARENT = "cartwheel.dlq.traceparent";

  static final int MAX_REPLAY = 1000;

  private static final String RECORD =
      "INSERT INTO bridge.dead_letters"
          + " (reason, detail, topic, partition_no, record_offset, record_key, record_value, record_headers) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  private static final String COUNT =
      "SELECT reason, count(*) FILTER (WHERE replayed_at IS NULL) AS waiting,"
          + " count(*) FILTER (WHERE replayed_at IS NOT NULL) AS replayed FROM bridge.dead_letters GROUP BY reason";
  private static final String WAITING =
      "SELECT seq, topic, record_key, record_value, record_headers FROM bridge.dead_letters"
          + " WHERE replayed_at IS NULL AND ($1::text IS NULL OR reason = $1) ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED";
  private static final String REPLAYED =
      "UPDATE bridge.dead_letters SET replayed_at = now() WHERE seq = ANY($1)";

  private final String topic;
  private final Pool pool;
  private final KafkaProducer<byte[], byte[]> producer;

  DeadLetters(Vertx vertx, Pool pool, String topic, String bootstrap) {
    this.topic = topic;
    this.pool = pool;
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers", bootstrap,
            "acks", "all",
            "enable.idempotence", "true",
            "delivery.timeout.ms", "30000",
            "max.block.ms", "30000");
    // Vert.x would add a traceparent header to every record it sends (copies and replays alike): a
    // copy
    // must be the record as it came, so this producer propagates no trace
    this.producer =
        KafkaProducer.create(
            vertx,
            new org.apache.kafka.clients.producer.KafkaProducer<>(
                config, new ByteArraySerializer(), new ByteArraySerializer()),
            new KafkaClientOptions().setTracingPolicy(TracingPolicy.IGNORE));
  }

  Future<Void> reject(ConsumerRecord<byte[], byte[]> record, Rejection rejection) {
    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.add(REASON, bytes(rejection.reason()));
    headers.add(DETAIL, bytes(rejection.getMessage()));
    headers.add(TOPIC, bytes(record.topic()));
    headers.add(PARTITION, bytes(String.valueOf(record.partition())));
    headers.add(OFFSET, bytes(String.valueOf(record.offset())));
    TraceContext.currentTraceparent()
        .ifPresent(traceparent -> headers.add(TRACEPARENT, bytes(traceparent)));
    return producer
        .asStream()
        .send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers))
        .compose(
            sent ->
                pool.preparedQuery(RECORD)
                    .execute(
                        Tuple.of(
                            rejection.reason(),
                            rejection.getMessage(),
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            buffer(record.key()),
                            buffer(record.value()),
                            headersJson(record.headers().toArray()))))
        .mapEmpty();
  }

  Future<DeadLetterCounts> count(CountDeadLetters query) {
    return pool.preparedQuery(COUNT)
        .execute()
        .map(
            rows -> {
              Map<String, Long> waiting = new HashMap<>();
              long replayed = 0;
              for (Row row : rows) {
                if (row.getLong("waiting") > 0) {
                  waiting.put(row.getString("reason"), row.getLong("waiting"));
                }
                replayed += row.getLong("replayed");
              }
              return new DeadLetterCounts(waiting, replayed);
            });
  }

  /** Sends waiting dead letters back to their topics, as they first arrived, and marks them replayed. */
  Future<ReplayResult> replay(ReplayDeadLetters command) {
    List<FieldError> errors = new ArrayList<>();
    if (command.reason() != null && !Rejection.REASONS.contains(command.reason())) {
      errors.add(
          new FieldError("reason", "must be one of " + String.join(", ", Rejection.REASONS)));
    }
    if (command.limit() < 1 || command.limit() > MAX_REPLAY) {
      errors.add(new FieldError("limit", "must be between 1 and " + MAX_REPLAY));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(DomainFailure.invalid(errors));
    }
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(WAITING)
                .execute(Tuple.of(command.reason(), command.limit()))
                .compose(
                    rows -> {
                      List<Future<?>> sends = new ArrayList<>();
                      List<Long> seqs = new ArrayList<>();
                      for (Row row : rows) {
                        sends.add(
                            producer
                                .asStream()
                                .send(
                                    new ProducerRecord<>(
                                        row.getString("topic"),
                                        null,
                                        bytes(row.getBuffer("record_key")),
                                        bytes(row.getBuffer("record_value")),
                                        headers(row.getJsonArray("record_headers")))));
                        seqs.add(row.getLong("seq"));
                      }
                      // every answer counts: what Kafka took is marked replayed, what it did not
                      // waits for the next replay
                      return Future.join(sends)
                          .transform(
                              all -> {
                                Long[] replayed =
                                    IntStream.range(0, sends.size())
                                        .filter(i -> sends.get(i).succeeded())
                                        .mapToObj(seqs::get)
                                        .toArray(Long[]::new);
                                return tx.preparedQuery(REPLAYED)
                                    .execute(Tuple.tuple().addArrayOfLong(replayed))
                                    .map(marked -> new ReplayResult(replayed.length));
                              });
                    }));
  }

  Future<Void> close() {
    return producer.close();
  }

  private static JsonArray headersJson(Header[] headers) {
    JsonArray json = new JsonArray();
    for (Header header : headers) {
      json.add(
          new JsonObject()
              .put("key", header.key())
              .put(
                  "value",
                  header.value() == null
                      ? null
                      : Base64.getEncoder().encodeToString(header.value())));
    }
    return json;
  }

  private static RecordHeaders headers(JsonArray json) {
    RecordHeaders headers = new RecordHeaders();
    for (Object entry : json) {
      JsonObject header = (JsonObject) entry;
      String value = header.getString("value");
      headers.add(
          header.getString("key"), value == null ? null : Base64.getDecoder().decode(value));
    }
    return headers;
  }

  private static Buffer buffer(byte[] bytes) {
    return bytes == null ? null : Buffer.buffer(bytes);
  }

  private static byte[] bytes(Buffer buffer) {
    return buffer == null ? null : buffer.getBytes();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
