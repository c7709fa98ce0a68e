package dev.cartwheel.launcher;

import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Label values that read as what they are.
 *
 * <ul>
 *   <li>{@code route}: Vert.x labels a request with the name of every route it passed, joined by '>'
 *       ({@code /api/v1/*>/api/v1/orders/{orderId}>/api/v1/*} when a failure goes back through the
 *       mount), and with "" when none took it. The label is the last route that is not a mount (a
 *       mount's name ends in {@code /*}; the gateway names each API route by its OpenAPI template), or
 *       {@value #UNROUTED}: refused by the server before routing (a 431, say) or no route at all.
 *   <li>{@code topic}: Kafka's client metrics write a topic's dots as underscores; the platform's
 *       topics get their real names back.
 * </ul>
 */
final class MetricLabels {

  static final String UNROUTED = "unrouted";

  private MetricLabels() {}

  static MeterFilter routes() {
    return MeterFilter.replaceTagValues("route", MetricLabels::servingRoute);
  }

  static MeterFilter topics(Collection<String> topics) {
    Map<String, String> byMetricName =
        topics.stream()
            .collect(
                Collectors.toMap(
                    topic -> topic.replace('.', '_'), Function.identity(), (a, b) -> a));
    return MeterFilter.replaceTagValues("topic", value -> byMetricName.getOrDefault(value, value));
  }

  static String servingRoute(String routes) {
    String[] passed = routes.split(">", -1);
    for (int i = passed.length - 1; i >= 0; i--) {
      if (!passed[i].isEmpty() && !passed[i].endsWith("/*")) {
        return passed[i];
      }
    }
    return UNROUTED;
  }
}
