package dev.cartwheel.bench;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.util.List;
import java.util.function.BiFunction;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.http.HttpDsl.http;

/** The system properties the bench passes to every simulation, and the HTTP protocol they share. */
final class Knobs {

  static final String BASE_URL = System.getProperty("baseUrl", "http://127.0.0.1:8080");
  static final int DURATION_SECONDS = Integer.getInteger("durationSeconds", 30);
  static final int CLIENT_WARMUP_SECONDS = Integer.getInteger("clientWarmupSeconds", 0);

  private Knobs() {
  }

  /**
   * The open workload: -Drate arrivals per second for -DdurationSeconds, Poisson (exponential gaps), or
   * evenly spaced with -Dpoisson=false (the smoke run's few seconds would otherwise risk an empty run).
   *
   * <p>With -DclientWarmupSeconds, the same arrivals run that long first with silent requests (Gatling does
   * not record them): a fresh Gatling JVM compiles its own code during its first seconds and answers late
   * (catalogue reads of 1 ms measured at 150–360 ms then), which is the client's cold start, not the
   * server's latency. The caller starts its CPU window after the warm-up.
   *
   * @param scenario the scenario under a name, its requests silent or not
   */
  static List<PopulationBuilder> open(String name, BiFunction<String, Boolean, ScenarioBuilder> scenario, double defaultRate) {
    double rate = rate(defaultRate);
    if (CLIENT_WARMUP_SECONDS == 0) {
      return List.of(scenario.apply(name, false).injectOpen(arrivals(rate, DURATION_SECONDS)));
    }
    return List.of(
      scenario.apply(name + " (client warm-up)", true).injectOpen(arrivals(rate, CLIENT_WARMUP_SECONDS)),
      scenario.apply(name, false).injectOpen(nothingFor(CLIENT_WARMUP_SECONDS), arrivals(rate, DURATION_SECONDS)));
  }

  /** The open workload without a client warm-up (the shopper journey's and the WebSocket's). */
  static OpenInjectionStep arrivals(double defaultRate) {
    return arrivals(rate(defaultRate), DURATION_SECONDS);
  }

  private static double rate(double defaultRate) {
    return Double.parseDouble(System.getProperty("rate", String.valueOf(defaultRate)));
  }

  private static OpenInjectionStep arrivals(double rate, int seconds) {
    OpenInjectionStep.ConstantRate.ConstantRateOpenInjectionStep steady = constantUsersPerSec(rate).during(seconds);
    return Boolean.parseBoolean(System.getProperty("poisson", "true")) ? steady.randomized() : steady;
  }

  static HttpRequestActionBuilder silentIf(boolean silent, HttpRequestActionBuilder request) {
    return silent ? request.silent() : request;
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
