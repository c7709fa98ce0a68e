package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetricLabelsTest {

  @Test
  @DisplayName(
      "the route label is the route that served the request, never a mount, and 'unrouted' for none")
  void routeLabels() {
    assertThat(MetricLabels.servingRoute("/api/v1/*>/api/v1/orders/{orderId}"))
        .isEqualTo("/api/v1/orders/{orderId}");
    assertThat(MetricLabels.servingRoute("/api/v1/*>/api/v1/orders>/api/v1/*"))
        .as("a failure handled back through the mount")
        .isEqualTo("/api/v1/orders");
    assertThat(MetricLabels.servingRoute("/health/ready")).isEqualTo("/health/ready");
    assertThat(MetricLabels.servingRoute("/api/v1/*"))
        .as("no operation matched: a 404 inside the API")
        .isEqualTo("unrouted");
    assertThat(MetricLabels.servingRoute(""))
        .as("refused before routing: a 431")
        .isEqualTo("unrouted");
  }

  @Test
  @DisplayName(
      "the platform's topics get their dots back in Kafka's metrics; other values stay as they are")
  void topicLabels() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry
        .config()
        .meterFilter(MetricLabels.topics(Set.of("cartwheel.inbound", "cartwheel.orders")));

    registry.counter("kafka.consumer.records", "topic", "cartwheel_inbound").increment();
    registry.counter("kafka.consumer.records", "topic", "partner_topic").increment();

    assertThat(registry.find("kafka.consumer.records").counters())
        .extracting(counter -> counter.getId().getTag("topic"))
        .containsExactlyInAnyOrder("cartwheel.inbound", "partner_topic");
  }
}
