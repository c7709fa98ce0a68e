package dev.cartwheel.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Orders placed through the gateway by a fixed number of shoppers, each placing its next order as soon as
 * the last one is answered (a closed workload, like pgbench's clients, so the two rates compare). Before
 * the run, it creates bench products with ample stock (admin) and registers customers, so that the
 * measured requests are order placements only: each reserves stock, authorizes a payment and confirms
 * the order before it answers.
 *
 * With {@code -Drate}, orders arrive instead at that many per second whatever the answers (an open workload:
 * the latency people would see at that load).
 *
 * -DbaseUrl (http://127.0.0.1:8080), -Dshoppers (16), -DdurationSeconds (30), -Dcustomers (50), -Drate (none: closed)
 */
public class OrdersSimulation extends Simulation {

  static final int PRODUCTS = 20;

  private final int shoppers = Integer.getInteger("shoppers", 16);
  private final int customers = Integer.getInteger("customers", 50);
  private List<String> tokens;

  private final Iterator<Map<String, Object>> orders = Stream.generate(() -> {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Map.<String, Object>of(
      "token", tokens.get(random.nextInt(tokens.size())),
      "key", UUID.randomUUID().toString(),
      "sku", BenchSetup.sku("BENCH", random.nextInt(PRODUCTS)),
      "quantity", 1 + random.nextInt(3));
  }).iterator();

  {
    if (System.getProperty("rate") != null) {
      setUp(Knobs.open("place order", this::placeOrder, 1)).protocols(Knobs.protocol());
    } else {
      // each virtual user places one order; Gatling starts a new one as each ends, keeping `shoppers` in flight
      setUp(placeOrder("place order", false).injectClosed(constantConcurrentUsers(shoppers).during(Knobs.DURATION_SECONDS)))
        .protocols(Knobs.protocol());
    }
  }

  private ScenarioBuilder placeOrder(String name, boolean silent) {
    return scenario(name)
      .feed(orders)
      .exec(Knobs.silentIf(silent, http("place order").post("/api/v1/orders")
        .header("Authorization", "Bearer #{token}")
        .header("Idempotency-Key", "#{key}")
        .body(StringBody("{\"lines\":[{\"sku\":\"#{sku}\",\"quantity\":#{quantity}}],\"paymentToken\":\"tok_visa\"}")).asJson()
        .check(status().in(201, 202))));
  }

  @Override
  public void before() {
    tokens = new BenchSetup(Knobs.BASE_URL).ampleStock("BENCH", PRODUCTS).customers(customers);
  }
}
