package dev.cartwheel.bench;

import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

/**
 * WebSocket subscribers under an open workload: they arrive at {@code rate} per second (Poisson), open
 * the live stream with their bearer token, wait for {@code ready}, then place {@code ordersPerSubscriber}
 * orders one after the other and, for each, wait until its CONFIRMED update is on the socket. The group
 * "order → CONFIRMED on socket" (its duration, see gatling.conf) runs from the order request until the
 * caller has both the HTTP answer and the update. Customers are registered before the run (password
 * hashing is the shopper journey's business); arrivals take them round robin.
 *
 * Gatling waits for WebSocket messages only after a connect or a send, so the wait is armed by a text
 * frame, which the gateway ignores. The update may beat the HTTP answer: it is then among the messages
 * received while the request ran (buffered, see the protocol), found there, and the group ends at once;
 * {@code -DearlyFile} receives how often that happened. A missed update would be a timeout, an error.
 *
 * -DbaseUrl, -Drate (subscribers/s, 5), -DdurationSeconds (30), -DordersPerSubscriber (3), -Dcustomers (50)
 */
public class StreamSimulation extends Simulation {

  private final int ordersPerSubscriber = Integer.getInteger("ordersPerSubscriber", 3);
  private final int customers = Integer.getInteger("customers", 50);
  private final LongAdder early = new LongAdder();
  private final LongAdder awaited = new LongAdder();
  private List<String> tokens;
  private int next;

  private final Iterator<Map<String, Object>> subscribers =
    Stream.generate(() -> Map.<String, Object>of("token", nextToken())).iterator();

  private final ScenarioBuilder subscribe = scenario("stream subscriber")
    .feed(subscribers)
    .exec(ws("open stream").connect("/api/v1/stream").header("Authorization", "Bearer #{token}")
      .await(10).on(ws.checkTextMessage("ready").check(jsonPath("$.type").is("ready"))))
    .repeat(ordersPerSubscriber).on(
      exec(session -> session.set("key", UUID.randomUUID().toString())
          .set("sku", BenchSetup.sku("BENCH", ThreadLocalRandom.current().nextInt(OrdersSimulation.PRODUCTS))))
        .group("order → CONFIRMED on socket").on(
          exec(http("place order").post("/api/v1/orders")
            .header("Authorization", "Bearer #{token}")
            .header("Idempotency-Key", "#{key}")
            .body(StringBody("{\"lines\":[{\"sku\":\"#{sku}\",\"quantity\":1}],\"paymentToken\":\"tok_visa\"}")).asJson()
            .check(status().in(201, 202), jsonPath("$.id").saveAs("orderId")))
            .exec(ws.processUnmatchedMessages(this::confirmedAlready))
            .doIf(session -> !session.getBoolean("confirmed")).then(
              exec(ws("CONFIRMED on socket").sendText("{}").await(10).on(
                ws.checkTextMessage("order confirmed").matching(
                  jsonPath("$.notification.orderId").isEL("#{orderId}"),
                  jsonPath("$.notification.orderStatus").is("CONFIRMED")))))))
    .exec(ws("close stream").close());

  {
    setUp(subscribe.injectOpen(Knobs.arrivals(5)))
      .protocols(Knobs.protocol().wsUnmatchedInboundMessageBufferSize(64));
  }

  @Override
  public void before() {
    tokens = new BenchSetup(Knobs.BASE_URL).ampleStock("BENCH", OrdersSimulation.PRODUCTS).customers(customers);
  }

  @Override
  public void after() {
    String file = System.getProperty("earlyFile");
    if (file != null) {
      try {
        Files.writeString(Path.of(file), "pushed before the answer " + early.sum() + " times, after it " + awaited.sum() + "\n");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  // did the CONFIRMED update of this order arrive while its request ran?
  private Session confirmedAlready(List<WsInboundMessage> messages, Session session) {
    String orderId = session.getString("orderId");
    boolean confirmed = orderId != null && messages.stream().anyMatch(message -> message instanceof WsInboundMessage.Text text
      && text.message().contains(orderId) && text.message().contains("\"orderStatus\":\"CONFIRMED\""));
    (confirmed ? early : awaited).increment();
    return session.set("confirmed", confirmed);
  }

  private synchronized String nextToken() {
    return tokens.get(next++ % tokens.size());
  }
}
