package dev.cartwheel.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady order traffic at one gateway: {@code shoppers} clients, each placing its next order as soon as
 * the last is answered, every fifth paid with a card the simulator declines. Counts every outcome and
 * keeps the id of every order the gateway accepted (201 or 202) and when each request left and its answer came.
 */
final class OrderLoad implements AutoCloseable {

  /** One answer: when its request left and when it came (ms since the load began), and whether the order was accepted. */
  record Answer(long sentMs, long atMs, int status) {
    boolean accepted() {
      return status == 201 || status == 202;
    }
  }

  final List<String> accepted = new CopyOnWriteArrayList<>();
  final List<Answer> answers = new CopyOnWriteArrayList<>();
  final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();

  /** Refusals by status and problem detail, to tell a paused breaker from a missing service. */
  final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();

  private final Vertx vertx = Vertx.vertx();
  private final WebClient http;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong inFlight = new AtomicLong();
  private final long startedAt = System.nanoTime();
  private final String sku;
  private final List<String> tokens;

  private OrderLoad(URI gateway, String sku, List<String> tokens) {
    this.http =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost(gateway.getHost())
                .setDefaultPort(gateway.getPort())
                .setConnectTimeout(2_000)
                .setIdleTimeout(0));
    this.sku = sku;
    this.tokens = tokens;
  }

  /** Starts one client per token. */
  static OrderLoad start(URI gateway, String sku, List<String> tokens) {
    OrderLoad load = new OrderLoad(gateway, sku, tokens);
    for (int i = 0; i < tokens.size(); i++) {
      load.next(i, 0);
    }
    return load;
  }

  private void next(int shopper, int sequence) {
    if (!running.get()) {
      return;
    }
    inFlight.incrementAndGet();
    long sentMs = millisSinceStart();
    String card = sequence % 5 == 4 ? "tok_decline" : "tok_visa";
    http.post("/api/v1/orders")
        .bearerTokenAuthentication(tokens.get(shopper))
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .timeout(15_000)
        .sendJsonObject(
            new JsonObject()
                .put("paymentToken", card)
                .put(
                    "lines",
                    new JsonArray().add(new JsonObject().put("sku", sku).put("quantity", 1))))
        .onComplete(
            answered -> {
              int status = answered.succeeded() ? answered.result().statusCode() : -1;
              answers.add(new Answer(sentMs, millisSinceStart(), status));
              byStatus.computeIfAbsent(status, ignored -> new AtomicLong()).incrementAndGet();
              if (answered.succeeded() && (status == 201 || status == 202)) {
                accepted.add(answered.result().bodyAsJsonObject().getString("id"));
              } else {
                String why =
                    answered.succeeded()
                        ? status + " " + answered.result().bodyAsJsonObject().getString("detail")
                        : answered.cause().toString();
                refusals.computeIfAbsent(why, ignored -> new AtomicLong()).incrementAndGet();
              }
              inFlight.decrementAndGet();
              // after a failure, pause a little, as a real client would
              vertx.setTimer(
                  status == 201 || status == 202 ? 1 : 100, timer -> next(shopper, sequence + 1));
            });
  }

  long millisSinceStart() {
    return Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
  }

  long count(int status) {
    return byStatus.getOrDefault(status, new AtomicLong()).get();
  }

  long failures() {
    return answers.stream().filter(answer -> !answer.accepted()).count();
  }

  /** Stops sending and waits for the answers still due. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    http.close();
    vertx.close().await();
  }
}
