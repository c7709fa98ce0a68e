package dev.cartwheel.baselines;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * Keeps {@code inFlight} requests to the echo address outstanding (a closed loop, like pgbench's clients)
 * for a warm-up and then a measured period, recording each round trip in an HdrHistogram. All on this
 * verticle's event loop, so the histogram needs no locking. {@link #result()} completes when done.
 */
final class EchoDriver extends VerticleBase {

  // ~200 bytes, about an order command's size on the wire
  private static final String PAYLOAD = "x".repeat(200);

  private final int inFlight;
  private final long warmupNanos;
  private final long measureNanos;
  private final Promise<String> result = Promise.promise();
  private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
  private final DeliveryOptions options = new DeliveryOptions().setSendTimeout(10_000);
  private long measureFrom;
  private long measureUntil;
  private long errors;
  private int finishedLoops;

  EchoDriver(int inFlight, int warmupSeconds, int measureSeconds) {
    this.inFlight = inFlight;
    this.warmupNanos = TimeUnit.SECONDS.toNanos(warmupSeconds);
    this.measureNanos = TimeUnit.SECONDS.toNanos(measureSeconds);
  }

  Future<String> result() {
    return result.future();
  }

  @Override
  public Future<?> start() {
    measureFrom = System.nanoTime() + warmupNanos;
    measureUntil = measureFrom + measureNanos;
    for (int i = 0; i < inFlight; i++) {
      send();
    }
    return Future.succeededFuture();
  }

  private void send() {
    long sent = System.nanoTime();
    if (sent >= measureUntil) {
      if (++finishedLoops == inFlight) { // the last loop is back: report
        result.tryComplete(summary());
      }
      return;
    }
    vertx.eventBus().request(EchoConsumer.ADDRESS, PAYLOAD, options).onComplete(reply -> {
      if (sent >= measureFrom) {
        if (reply.succeeded()) {
          histogram.recordValue(Math.min(System.nanoTime() - sent, histogram.getHighestTrackableValue()));
        } else {
          errors++;
        }
      }
      send();
    });
  }

  private String summary() {
    double seconds = measureNanos / 1e9;
    return String.format("RESULT ok=%d errors=%d throughput=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f",
      histogram.getTotalCount(), errors, histogram.getTotalCount() / seconds, ms(50), ms(99), ms(99.9));
  }

  private double ms(double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1e6;
  }
}
