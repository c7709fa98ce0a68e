package dev.cartwheel.bridge;

import dev.cartwheel.runtime.node.Node;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the inbound topics in a consumer group and hands each record to the {@link InboundProcessor}: the
 * records of one key one at a time, in their order; different keys, and partitions, side by side (records
 * without a key keep their order among themselves). The keys of a partition's poll whose records are all
 * restocks go together, as one batch in their order; when the batch cannot be finished, each of those keys
 * goes one record at a time. The next poll waits until the whole batch is done, so
 * memory stays bounded whatever the backlog. An offset is committed only when every record before it was
 * handled or dead-lettered; if one could be neither, its key stops there, and the partition commits below
 * it and is read again from it at the next poll (what succeeded after it is then skipped as a duplicate).
 */
final class InboundConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(InboundConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final int MAX_POLL_RECORDS = 1000;
  private static final int FETCH_MAX_WAIT_MS = 5000;
  private static final int SESSION_TIMEOUT_MS = 10_000;

  /** The key of records that have none: they form one sequence, in partition order. */
  private static final ByteBuffer NO_KEY = ByteBuffer.allocate(0);

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
    // an idle topic's fetch waits this long at the broker; a record that arrives answers it at once
    // (fetch.min.bytes is 1), so it costs no latency, only the idle broker's and client's wake-ups
    config.put("fetch.max.wait.ms", String.valueOf(FETCH_MAX_WAIT_MS));
    // a batch may take every record's worst case (all attempts timing out) before the next poll:
    // that is no reason to leave the group
    config.put(
        "max.poll.interval.ms",
        String.valueOf(
            Math.min(
                Integer.MAX_VALUE,
                Math.max(300_000L, MAX_POLL_RECORDS * settings.worstCasePerRecord().toMillis()))));
    // a bridge killed without leaving the group holds its partitions until its session expires, and
    // a member that
    // joins meanwhile (the restarted node) waits for that in its rebalance and in its close: 10 s
    // rather than 45
    config.put("session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MS));
    config.put("heartbeat.interval.ms", String.valueOf(SESSION_TIMEOUT_MS / 3));
    this.consumer =
        KafkaReadStream.create(
            vertx, config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    // the Kafka client's own metrics: kafka_consumer_* (lag, fetch rate, commits)
    this.consumerMetrics = new KafkaClientMetrics(consumer.unwrap());
    consumerMetrics.bindTo(Node.of(vertx).meters());
  }

  Future<Void> start() {
    return consumer
        .subscribe(new HashSet<>(settings.inboundTopics()))
        .onSuccess(subscribed -> pollAgain());
  }

  private void pollAgain() {
    if (stopped) {
      return;
    }
    loop =
        consumer
            .poll(POLL)
            .compose(this::handle)
            .transform(
                done -> {
                  if (done.succeeded()) {
                    lastFailure = null;
                    vertx.runOnContext(next -> pollAgain());
                    return Future.succeededFuture();
                  }
                  if (!done.cause().getClass().getName().equals(lastFailure)) {
                    lastFailure = done.cause().getClass().getName();
                    LOG.warn(
                        "Inbound bridge: a batch could not be finished; its unfinished records are read again: {}",
                        done.cause().getMessage());
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
      partitions.add(partition(partition, records.records(partition), done));
    }
    // commit what was finished, also when some partition has to be read again
    return Future.join(partitions)
        .transform(
            all -> {
              Future<Void> committed =
                  done.isEmpty() ? Future.succeededFuture() : consumer.commit(done).mapEmpty();
              return all.succeeded()
                  ? committed
                  : committed.transform(ignored -> Future.failedFuture(all.cause()));
            });
  }

  /** One partition's records, key by key; on success, or below the first record that failed, its offset goes into {@code done}. */
  private Future<Void> partition(
      TopicPartition partition,
      List<ConsumerRecord<byte[], byte[]>> records,
      Map<TopicPartition, OffsetAndMetadata> done) {
    Map<ByteBuffer, List<ConsumerRecord<byte[], byte[]>>> byKey = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      byKey
          .computeIfAbsent(
              record.key() == null ? NO_KEY : ByteBuffer.wrap(record.key()),
              key -> new ArrayList<>())
          .add(record);
    }
    List<Future<Void>> keys = new ArrayList<>();
    List<InboundProcessor.ReadRestock> batch = new ArrayList<>();
    List<List<ConsumerRecord<byte[], byte[]>>> batchedKeys = new ArrayList<>();
    for (List<ConsumerRecord<byte[], byte[]>> keyed : byKey.values()) {
      List<InboundProcessor.ReadRestock> restocks =
          keyed.stream().map(processor::asRestock).flatMap(Optional::stream).toList();
      if (restocks.size() == keyed.size()) {
        batch.addAll(restocks);
        batchedKeys.add(keyed);
      } else {
        keys.add(inOrder(keyed, 0));
      }
    }
    if (!batch.isEmpty()) {
      Future<Void> together = processor.processRestocks(batch);
      for (List<ConsumerRecord<byte[], byte[]>> keyed : batchedKeys) {
        keys.add(together.recover(unfinished -> inOrder(keyed, 0)));
      }
    }
    return Future.join(keys)
        .transform(
            all -> {
              if (all.succeeded()) {
                done.put(
                    partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
                return Future.succeededFuture();
              }
              long firstUnfinished =
                  keys.stream()
                      .filter(Future::failed)
                      .mapToLong(key -> ((Unfinished) key.cause()).offset)
                      .min()
                      .orElseThrow();
              if (firstUnfinished > records.get(0).offset()) {
                done.put(partition, new OffsetAndMetadata(firstUnfinished));
              }
              Throwable cause =
                  keys.stream().filter(Future::failed).findFirst().orElseThrow().cause().getCause();
              return stopped
                  ? Future.succeededFuture()
                  : consumer
                      .seek(partition, firstUnfinished)
                      .transform(rewound -> Future.failedFuture(cause));
            });
  }

  /** One key's records from {@code index} on, one after the other; fails with the offset of the first it could not finish. */
  private Future<Void> inOrder(List<ConsumerRecord<byte[], byte[]>> records, int index) {
    if (index == records.size()) {
      return Future.succeededFuture();
    }
    ConsumerRecord<byte[], byte[]> record = records.get(index);
    if (stopped) {
      return Future.failedFuture(new Unfinished(record.offset(), null));
    }
    return processor
        .process(record)
        .compose(
            outcome -> inOrder(records, index + 1),
            failure -> Future.failedFuture(new Unfinished(record.offset(), failure)));
  }

  /** A key's sequence stopped at this offset: the record there, and those after it in the key, are not finished. */
  private static final class Unfinished extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long offset;

    Unfinished(long offset, Throwable cause) {
      super(cause == null ? "stopping" : cause.getMessage(), cause, false, false);
      this.offset = offset;
    }
  }

  /** Stops polling, lets the batch in hand finish (and commit), then leaves the group. */
  Future<Void> stop() {
    stopped = true;
    consumerMetrics.close();
    return loop.transform(finished -> consumer.close());
  }
}
