package dev.cartwheel.runtime.outbox;

import dev.cartwheel.runtime.node.Node;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.kafka.client.producer.KafkaProducer;

/**
 * The Kafka client's own metrics (kafka_producer_*) of the producer that every Kafka sink of one Vert.x
 * instance shares: bound when the first sink opens it, unbound when the last one closes, like the shared
 * producer itself. One binder per sink would unbind everyone's meters when any one sink closed.
 */
final class ProducerMetrics implements Shareable {

  private static final String MAP = "cartwheel.outbox.producer-metrics";
  private static final String KEY = "producer";

  private final KafkaClientMetrics binder;
  private int sinks;

  private ProducerMetrics(KafkaClientMetrics binder) {
    this.binder = binder;
  }

  static synchronized void opened(Vertx vertx, KafkaProducer<?, ?> producer) {
    LocalMap<String, ProducerMetrics> map = vertx.sharedData().getLocalMap(MAP);
    ProducerMetrics metrics = map.get(KEY);
    if (metrics == null) {
      metrics = new ProducerMetrics(new KafkaClientMetrics(producer.unwrap()));
      metrics.binder.bindTo(Node.of(vertx).meters());
      map.put(KEY, metrics);
    }
    metrics.sinks++;
  }

  static synchronized void closed(Vertx vertx) {
    LocalMap<String, ProducerMetrics> map = vertx.sharedData().getLocalMap(MAP);
    ProducerMetrics metrics = map.get(KEY);
    if (metrics != null && --metrics.sinks == 0) {
      map.remove(KEY);
      metrics.binder.close();
    }
  }
}
