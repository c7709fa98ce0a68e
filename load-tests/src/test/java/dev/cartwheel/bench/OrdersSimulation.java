package dev.cartwheel.bench;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * -DbaseUrl (http://127.0.0.1:8080), -Dshoppers (16), -DdurationSeconds (30), -Dcustomers (50)
 */
public class OrdersSimulation extends Simulation {

  static final int PRODUCTS = 20;
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

  private final String baseUrl = System.getProperty("baseUrl", "http://127.0.0.1:8080");
  private final int shoppers = Integer.getInteger("shoppers", 16);
  private final int durationSeconds = Integer.getInteger("durationSeconds", 30);
  private final int customers = Integer.getInteger("customers", 50);
  private final List<String> tokens = new ArrayList<>();

  private final Iterator<Map<String, Object>> orders = Stream.generate(() -> {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return Map.<String, Object>of(
      "token", tokens.get(random.nextInt(tokens.size())),
      "key", UUID.randomUUID().toString(),
      "sku", sku(random.nextInt(PRODUCTS)),
      "quantity", 1 + random.nextInt(3));
  }).iterator();

  private final ScenarioBuilder placeOrder = scenario("place order")
    .feed(orders)
    .exec(http("place order").post("/api/v1/orders")
      .header("Authorization", "Bearer #{token}")
      .header("Idempotency-Key", "#{key}")
      .body(StringBody("{\"lines\":[{\"sku\":\"#{sku}\",\"quantity\":#{quantity}}],\"paymentToken\":\"tok_visa\"}")).asJson()
      .check(status().in(201, 202)));

  private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl).acceptHeader("application/json").shareConnections();

  {
    // each virtual user places one order; Gatling starts a new one as each ends, keeping `shoppers` in flight
    setUp(placeOrder.injectClosed(constantConcurrentUsers(shoppers).during(durationSeconds))).protocols(protocol);
  }

  @Override
  public void before() {
    HttpClient client = HttpClient.newHttpClient();
    String admin = token(post(client, "/api/v1/sessions", null,
      "{\"email\":\"admin@cartwheel.dev\",\"password\":\"cartwheel-dev-admin\"}"));
    for (int i = 0; i < PRODUCTS; i++) {
      // 201, or 409 when an earlier run created it: either way it exists, then gets plenty of stock
      post(client, "/api/v1/products", admin, "{\"sku\":\"" + sku(i) + "\",\"name\":\"Bench product " + i + "\",\"priceMinor\":990,\"currency\":\"EUR\"}");
      post(client, "/api/v1/products/" + sku(i) + "/restock", admin, "{\"quantity\":1000000}");
    }
    for (int i = 0; i < customers; i++) {
      tokens.add(token(post(client, "/api/v1/users", null,
        "{\"email\":\"bench-" + UUID.randomUUID() + "@example.com\",\"password\":\"bench-password-2026\",\"fullName\":\"Bench Customer\"}")));
    }
  }

  static String sku(int i) {
    return String.format("BENCH-%02d", i);
  }

  private String post(HttpClient client, String path, String bearer, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
      .header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("bench setup failed on " + path, e);
    }
  }

  private static String token(String body) {
    Matcher matcher = TOKEN.matcher(body);
    if (!matcher.find()) {
      throw new IllegalStateException("no token in " + body);
    }
    return matcher.group(1);
  }
}
