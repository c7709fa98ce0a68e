package dev.cartwheel.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The shopper journey under an open workload: new shoppers arrive at {@code rate} per second (Poisson);
 * each registers, logs in, lists the catalogue, opens a product and places {@code ordersPerShopper}
 * orders. Of those orders, {@code declinePercent} pay with the simulated provider's declined token
 * (tok_decline: the order ends CANCELLED, payment-declined) and {@code stockOutPercent} ask for one of
 * a few products created with little stock, which soon run out (CANCELLED, out-of-stock); the rest buy
 * products with ample stock and end CONFIRMED. Each order is answered with its final state.
 *
 * -DbaseUrl, -Drate (shoppers/s, 4), -DdurationSeconds (30), -DordersPerShopper (3), -DdeclinePercent (10),
 * -DstockOutPercent (10)
 */
public class ShopperSimulation extends Simulation {

  static final int SCARCE_PRODUCTS = 4;
  private static final int SCARCE_STOCK = 3;

  private final int ordersPerShopper = Integer.getInteger("ordersPerShopper", 3);
  private final int declinePercent = Integer.getInteger("declinePercent", 10);
  private final int stockOutPercent = Integer.getInteger("stockOutPercent", 10);

  private final Iterator<Map<String, Object>> shoppers =
    Stream.generate(() -> Map.<String, Object>of("email", BenchSetup.newEmail())).iterator();

  private final ScenarioBuilder journey = scenario("shopper journey")
    .feed(shoppers)
    .exec(http("register").post("/api/v1/users")
      .body(StringBody("{\"email\":\"#{email}\",\"password\":\"" + BenchSetup.PASSWORD + "\",\"fullName\":\"Bench Shopper\"}")).asJson()
      .check(status().is(201)))
    .exec(http("login").post("/api/v1/sessions")
      .body(StringBody("{\"email\":\"#{email}\",\"password\":\"" + BenchSetup.PASSWORD + "\"}")).asJson()
      .check(status().is(200), jsonPath("$.token").saveAs("token")))
    .exec(http("products list").get("/api/v1/products?page=0&size=20").check(status().is(200)))
    .exec(session -> nextOrder(session))
    .exec(http("product detail").get("/api/v1/products/#{sku}").check(status().is(200)))
    .repeat(ordersPerShopper).on(
      exec(session -> nextOrder(session))
        .exec(http("place order").post("/api/v1/orders")
          .header("Authorization", "Bearer #{token}")
          .header("Idempotency-Key", "#{key}")
          .body(StringBody("{\"lines\":[{\"sku\":\"#{sku}\",\"quantity\":1}],\"paymentToken\":\"#{paymentToken}\"}")).asJson()
          .check(status().in(201, 202))));

  {
    setUp(journey.injectOpen(Knobs.arrivals(4)))
      .protocols(Knobs.protocol());
  }

  @Override
  public void before() {
    new BenchSetup(Knobs.BASE_URL)
      .ampleStock("BENCH", OrdersSimulation.PRODUCTS)
      .scarceStock("SCARCE", SCARCE_PRODUCTS, SCARCE_STOCK);
  }

  // which order comes next: a declined payment, a scarce product, or an ordinary one
  private Session nextOrder(Session session) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int roll = random.nextInt(100);
    boolean declined = roll < declinePercent;
    boolean scarce = !declined && roll < declinePercent + stockOutPercent;
    String sku = scarce ? BenchSetup.sku("SCARCE", random.nextInt(SCARCE_PRODUCTS))
      : BenchSetup.sku("BENCH", random.nextInt(OrdersSimulation.PRODUCTS));
    return session.setAll(Map.of(
      "sku", sku,
      "paymentToken", declined ? "tok_decline" : "tok_visa",
      "key", UUID.randomUUID().toString()));
  }
}
