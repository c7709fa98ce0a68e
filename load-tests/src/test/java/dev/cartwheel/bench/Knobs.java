package dev.cartwheel.bench;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.http.HttpDsl.http;

/** The system properties the bench passes to every simulation, and the HTTP protocol they share. */
final class Knobs {

  static final String BASE_URL = System.getProperty("baseUrl", "http://127.0.0.1:8080");
  static final int DURATION_SECONDS = Integer.getInteger("durationSeconds", 30);

  private Knobs() {
  }

  /**
   * The open workload: -Drate arrivals per second for -DdurationSeconds, Poisson (exponential gaps), or
   * evenly spaced with -Dpoisson=false (the smoke run's few seconds would otherwise risk an empty run).
   */
  static OpenInjectionStep arrivals(double defaultRate) {
    OpenInjectionStep.ConstantRate.ConstantRateOpenInjectionStep steady =
      constantUsersPerSec(Double.parseDouble(System.getProperty("rate", String.valueOf(defaultRate)))).during(DURATION_SECONDS);
    return Boolean.parseBoolean(System.getProperty("poisson", "true")) ? steady.randomized() : steady;
  }

  /**
   * Connections shared by all virtual users (as behind a load balancer), so that an open workload measures
   * requests, not TCP handshakes; no caching, so that every request reaches the server.
   */
  static HttpProtocolBuilder protocol() {
    return http.baseUrl(BASE_URL)
      .wsBaseUrl(BASE_URL.replaceFirst("^http", "ws"))
      .acceptHeader("application/json")
      .shareConnections()
      .disableCaching();
  }
}
