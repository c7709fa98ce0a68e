package dev.cartwheel.bridge;

import dev.cartwheel.runtime.node.Node;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the inbound topics in a consumer group and hands each record to the {@link InboundProcessor}:
 * one record at a time within a partition (their order matters), partitions side by side. An offset is
 * committed only after its record was handled or dead-lettered; if neither could be recorded, the
 * partition is rewound to that record and read again at the next poll.
 */
final class InboundConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(InboundConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final int MAX_POLL_RECORDS = 50;

  private final Vertx vertx;
  private final InboundProcessor processor;
  private final KafkaReadStream<byte[], byte[]> consumer;
  private final KafkaClientMetrics consumerMetrics;
  private final BridgeConfig settings;
  private boolean stopped;
  private Future<Void> loop = Future.succeededFuture();
  private String lastFailure;

  InboundConsumer(Vertx vertx, InboundProcessor processor, BridgeConfig settings) {
    this.vertx = vertx;
    this.processor = processor;
    this.settings = settings;
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", settings.bootstrap());
    config.put("group.id", settings.groupId());
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", String.valueOf(MAX_POLL_RECORDS));
    // a batch may take every record's worst case (all attempts timing out) before the next poll: that is no reason to leave the group
    config.put("max.poll.interval.ms", String.valueOf(Math.min(Integer.MAX_VALUE, Math.max(300_000L, MAX_POLL_RECORDS * settings.worstCasePerRecord().toMillis()))));
    this.consumer = KafkaReadStream.create(vertx, config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    // the Kafka client's own metrics: kafka_consumer_* (lag, fetch rate, commits)
    this.consumerMetrics = new KafkaClientMetrics(consumer.unwrap());
    consumerMetrics.bindTo(Node.of(vertx).meters());
  }

  Future<Void> start() {
    return consumer.subscribe(new HashSet<>(settings.inboundTopics())).onSuccess(subscribed -> pollAgain());
  }

  private void pollAgain() {
    if (stopped) {
      return;
    }
    loop = consumer.poll(POLL).compose(this::handle).transform(done -> {
      if (done.succeeded()) {
        lastFailure = null;
        vertx.runOnContext(next -> pollAgain());
        return Future.succeededFuture();
      }
      if (!done.cause().getClass().getName().equals(lastFailure)) {
        lastFailure = done.cause().getClass().getName();
        LOG.warn("Inbound bridge: a batch could not be finished; its unfinished records are read again: {}", done.cause().getMessage());
      }
      // the database or Kafka is away: do not spin on the same records
      vertx.setTimer(settings.retryMax().toMillis(), later -> pollAgain());
      return Future.succeededFuture();
    });
  }

  private Future<Void> handle(ConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> partitions = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      partitions.add(inOrder(partition, records.records(partition), 0, done));
    }
    // commit what was finished, also when some partition has to be read again
    return Future.join(partitions).transform(all -> {
      Future<Void> committed = done.isEmpty() ? Future.succeededFuture() : consumer.commit(done).mapEmpty();
      return all.succeeded() ? committed : committed.transform(ignored -> Future.failedFuture(all.cause()));
    });
  }

  private Future<Void> inOrder(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, int index,
                               Map<TopicPartition, OffsetAndMetadata> done) {
    if (index == records.size() || stopped) {
      return Future.succeededFuture();
    }
    ConsumerRecord<byte[], byte[]> record = records.get(index);
    return processor.process(record).compose(
      outcome -> {
        done.put(partition, new OffsetAndMetadata(record.offset() + 1));
        return inOrder(partition, records, index + 1, done);
      },
      failure -> consumer.seek(partition, record.offset()).transform(rewound -> Future.failedFuture(failure)));
  }

  /** Stops polling, lets the batch in hand finish (and commit), then leaves the group. */
  Future<Void> stop() {
    stopped = true;
    consumerMetrics.close();
    return loop.transform(finished -> consumer.close());
  }
}
