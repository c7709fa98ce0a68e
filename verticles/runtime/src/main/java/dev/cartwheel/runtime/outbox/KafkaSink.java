package dev.cartwheel.runtime.outbox;

import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.runtime.kafka.KafkaOutbound;
import dev.cartwheel.runtime.kafka.VersionedCloudEvents;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes outbox events to the domain's Kafka topic as CloudEvents (the Kafka protocol binding of the
 * CloudEvents SDK): binary mode ({@code ce_*} headers, the event JSON as value) unless the topic is
 * configured structured. The record key is the aggregate id, so one aggregate's events share a partition
 * and stay in order. The producer is shared by every relay of this Vert.x instance.
 */
final class KafkaSink implements OutboxSink {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);
  private static final String PRODUCER = "cartwheel-outbound";
  private static final JsonFormat STRUCTURED = new JsonFormat();

  private final String domain;
  private final String topic;
  private final boolean structured;

  private final VersionedCloudEvents cloudEvents;

  private final KafkaProducer<String, byte[]> producer;
  private final Vertx vertx;
  private final int fullBatch;
  private boolean probing;

  /** @param fullBatch the relay's batch size: a batch that full means a backlog */
  KafkaSink(
      Vertx vertx,
      String domain,
      Map<String, Class<? extends DomainEvent>> events,
      KafkaOutbound settings,
      int fullBatch) {
    this.domain = domain;
    this.fullBatch = fullBatch;
    this.topic = settings.topic(domain);
    this.structured = settings.structuredTopics().contains(topic);
    this.cloudEvents = new VersionedCloudEvents(domain, events.keySet(), settings);
    this.producer =
        KafkaProducer.createShared(
            vertx, PRODUCER, settings.producerConfig(), String.class, byte[].class);
    // each send's future carries its failure, which the relay logs once; without a handler,
    // Vert.x would log every failed record with its stack
    producer.exceptionHandler(failed -> {});
    this.vertx = vertx;
    ProducerMetrics.opened(vertx, producer);
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public String sentColumn() {
    return "kafka_sent_at";
  }

  /**
   * Sends the batch and waits for every answer before it reports how many events, from the start, were
   * acknowledged (an event is, once all its records are: one per version of its type being published). After a failed batch the first record goes alone, as a probe: while Kafka is away a
   * batch then fails after one send timeout, instead of each record blocking the producer for its own.
   * A full batch is flushed: linger.ms gathers the few events of busy moments into one request, but in a
   * backlog it would only hold up each batch's last records. (The flush holds the producer's worker until
   * the batch's answers, so the relay's next batch, read meanwhile, is sent after them.)
   */
  @Override
  public Future<Integer> deliver(List<OutboxEvent> batch) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<List<ProducerRecord<String, byte[]>>> records = new ArrayList<>(batch.size());
    for (OutboxEvent event : batch) {
      List<CloudEvent> versions = cloudEvents.of(event, today);
      if (versions != null) {
        records.add(
            versions.size() == 1
                ? List.of(record(versions.get(0)))
                : versions.stream().map(this::record).toList());
      } else {
        LOG.error(
            "Passing over outbox event {}: {} is not an event of {}",
            event.id(),
            event.address(),
            domain);
        records.add(List.of());
      }
    }
    Future<?> first = send(records.get(0));
    return (probing ? first : Future.succeededFuture())
        .compose(
            ready -> {
              List<Future<?>> sends = new ArrayList<>(List.of(first));
              records.subList(1, records.size()).forEach(record -> sends.add(send(record)));
              if (batch.size() >= fullBatch) {
                // a backlog: the last records need not wait linger.ms for company, the next batch
                // is already due
                producer.flush();
              }
              return Future.join(sends)
                  .transform(
                      done -> {
                        int acknowledged = 0;
                        while (acknowledged < sends.size() && sends.get(acknowledged).succeeded()) {
                          acknowledged++;
                        }
                        return acknowledged < sends.size()
                            ? Future.failedFuture(
                                new PartialDelivery(acknowledged, sends.get(acknowledged).cause()))
                            : Future.succeededFuture(acknowledged);
                      });
            })
        .andThen(delivered -> probing = delivered.failed());
  }

  /** Sends one event's records; an event passed over (no record) counts as sent. */
  private Future<?> send(List<ProducerRecord<String, byte[]>> records) {
    if (records.size() == 1) {
      return producer.asStream().send(records.get(0));
    }
    List<Future<?>> sends = new ArrayList<>(records.size());
    records.forEach(record -> sends.add(producer.asStream().send(record)));
    return Future.all(sends);
  }

  private ProducerRecord<String, byte[]> record(CloudEvent event) {
    var writer = KafkaMessageFactory.createWriter(topic, event.getSubject());
    return structured ? writer.writeStructured(event, STRUCTURED) : writer.writeBinary(event);
  }

  @Override
  public Future<Void> close() {
    ProducerMetrics.closed(vertx);
    return producer.close();
  }
}
