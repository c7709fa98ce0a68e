package dev.cartwheel.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Catalogue browsing under an open workload: visitors arrive at {@code rate} per second (Poisson), each
 * lists a page of products and opens two of them, anonymously, then leaves. The same simulation, with
 * {@code -Dsetup=false}, hits the bare vertx-web baseline (which answers every GET with a fixed JSON), so
 * both sides see the same arrivals and the same requests.
 *
 * -DbaseUrl, -Drate (visitors/s, 40), -DdurationSeconds (30), -Dsetup (true: create the bench products)
 */
public class CatalogueSimulation extends Simulation {

  private final Iterator<Map<String, Object>> visits = Stream.generate(() -> {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Map.<String, Object>of(
      "first", BenchSetup.sku("BENCH", random.nextInt(OrdersSimulation.PRODUCTS)),
      "second", BenchSetup.sku("BENCH", random.nextInt(OrdersSimulation.PRODUCTS)));
  }).iterator();

  {
    setUp(Knobs.open("catalogue", this::browse, 40)).protocols(Knobs.protocol());
  }

  private ScenarioBuilder browse(String name, boolean silent) {
    return scenario(name)
      .feed(visits)
      .exec(Knobs.silentIf(silent, http("products list").get("/api/v1/products?page=0&size=20").check(status().is(200))))
      .exec(Knobs.silentIf(silent, http("product detail").get("/api/v1/products/#{first}").check(status().is(200))))
      .exec(Knobs.silentIf(silent, http("product detail").get("/api/v1/products/#{second}").check(status().is(200))));
  }

  @Override
  public void before() {
    if (Boolean.parseBoolean(System.getProperty("setup", "true"))) {
      new BenchSetup(Knobs.BASE_URL).ampleStock("BENCH", OrdersSimulation.PRODUCTS);
    }
  }
}
