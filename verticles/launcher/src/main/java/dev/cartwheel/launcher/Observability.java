package dev.cartwheel.launcher;

import dev.cartwheel.runtime.config.ConfigReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The node's metrics and traces, as configured. Metrics: a Prometheus registry that Vert.x (HTTP, event
 * bus, pools, JVM) and the domains report into, served at /metrics. Traces: an OpenTelemetry SDK that Vert.x
 * traces HTTP requests, event-bus hops and SQL statements with, exported over OTLP/HTTP when
 * {@code tracing.otlpEndpoint} is set. Without an endpoint, spans are still made (trace ids in the logs
 * and CloudEvents) and dropped. Nothing is registered globally: several nodes may share a JVM (tests).
 */
final class Observability implements AutoCloseable {

  record Settings(
      boolean metrics,
      boolean tracing,
      Optional<String> otlpEndpoint,
      int samplePercent,
      Set<String> topics) {

    static Settings from(ConfigReader config) {
      return new Settings(
          config.bool("metrics.enabled"),
          config.bool("tracing.enabled"),
          config.optionalString("tracing.otlpEndpoint"),
          config.integer("tracing.samplePercent", 0, 100),
          KafkaTopics.Settings.from(config).names());
    }
  }

  private final Settings settings;
  private final MeterRegistry meters;
  private final OpenTelemetry telemetry;
  private final SdkTracerProvider ownTracerProvider;

  private Observability(
      Settings settings, OpenTelemetry telemetry, SdkTracerProvider ownTracerProvider) {
    this.settings = settings;
    // with metrics off, the domains still count into a registry nobody reads: cheaper than a check
    // at every count
    this.meters =
        settings.metrics()
            ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
            : new SimpleMeterRegistry();
    // before anything registers a meter: a filter applies only to meters registered after it
    meters
        .config()
        .meterFilter(MetricLabels.routes())
        .meterFilter(MetricLabels.topics(settings.topics()));
    this.telemetry = telemetry;
    this.ownTracerProvider = ownTracerProvider;
  }

  /** @param given an OpenTelemetry to trace with instead of the configured one (a test's in-memory exporter), or null */
  static Observability create(Settings settings, OpenTelemetry given) {
    if (given != null) {
      return new Observability(settings, given, null);
    }
    if (!settings.tracing()) {
      return new Observability(settings, OpenTelemetry.noop(), null);
    }
    SdkTracerProvider tracerProvider = tracerProvider(settings);
    OpenTelemetry sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    return new Observability(settings, sdk, tracerProvider);
  }

  private static SdkTracerProvider tracerProvider(Settings settings) {
    SdkTracerProviderBuilder builder =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(AttributeKey.stringKey("service.name"), "cartwheel"))))
            // a trace that came in sampled (or not) stays so: the caller decided
            .setSampler(
                Sampler.parentBased(Sampler.traceIdRatioBased(settings.samplePercent() / 100.0)));
    settings
        .otlpEndpoint()
        .ifPresent(
            endpoint ->
                builder.addSpanProcessor(
                    BatchSpanProcessor.builder(
                            OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build())
                        .build()));
    return builder.build();
  }

  /** Builds Vert.x with these metrics and this tracer. */
  VertxBuilder applyTo(VertxOptions options, VertxBuilder builder) {
    if (settings.metrics()) {
      options.setMetricsOptions(
          new MicrometerMetricsOptions()
              .setEnabled(true)
              .setJvmMetricsEnabled(true)
              // the route template (/api/v1/orders/:id), never the path: ids in paths would make a
              // series each
              .addLabels(Label.HTTP_ROUTE));
      builder.withMetrics(new MicrometerMetricsFactory(meters));
    }
    if (telemetry != OpenTelemetry.noop()) {
      options.setTracingOptions(new OpenTelemetryOptions());
      builder.withTracer(new OpenTelemetryTracingFactory(telemetry));
    }
    return builder.with(options);
  }

  /** For the banner: where metrics and spans go. */
  String describe() {
    String tracing =
        telemetry == OpenTelemetry.noop()
            ? "off"
            : settings
                .otlpEndpoint()
                .map(endpoint -> "exported to " + endpoint)
                .orElse("on, not exported");
    return "metrics " + (settings.metrics() ? "at /metrics" : "off") + ", tracing " + tracing;
  }

  MeterRegistry meters() {
    return meters;
  }

  OpenTelemetry telemetry() {
    return telemetry;
  }

  /** Sends the spans still buffered, then stops. */
  @Override
  public void close() {
    if (ownTracerProvider != null) {
      ownTracerProvider.shutdown().join(5, TimeUnit.SECONDS);
    }
    meters.close();
  }
}
