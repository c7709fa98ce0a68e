package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ObservabilityTest {

  private record Received(String path, String contentType, int bytes) {}

  @Test
  void spansAreExportedOverOtlpHttpToTheConfiguredEndpoint() throws IOException {
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestBody().readAllBytes().length));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    try {
      String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces";
      Observability observability =
          Observability.create(
              new Observability.Settings(true, true, Optional.of(endpoint), 100, Set.of()), null);
      Span span =
          observability.telemetry().getTracer("test").spanBuilder("an operation").startSpan();
      span.end();
      observability.close(); // flushes the batch

      assertThat(received)
          .singleElement()
          .satisfies(
              request -> {
                assertThat(request.path()).isEqualTo("/v1/traces");
                assertThat(request.contentType()).isEqualTo("application/x-protobuf");
                assertThat(request.bytes()).isPositive();
              });
    } finally {
      collector.stop(0);
    }
  }

  @Test
  void offMeansNoTracerAndNoPrometheus() {
    Observability observability =
        Observability.create(
            new Observability.Settings(false, false, Optional.empty(), 100, Set.of()), null);

    assertThat(observability.telemetry()).isSameAs(OpenTelemetry.noop());
    assertThat(observability.meters())
        .isInstanceOf(SimpleMeterRegistry.class)
        .isNotInstanceOf(PrometheusMeterRegistry.class);
    observability.close();
  }
}
