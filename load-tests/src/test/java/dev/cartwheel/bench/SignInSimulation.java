package dev.cartwheel.bench;

import io.gatling.javaapi.core.Simulation;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Sign-ins back to back by a fixed number of clients (a closed workload), each with the right password of
 * a customer registered before the run: one argon2id hash per request, so the node's CPU per sign-in is,
 * give or take a lookup and a token, what one hash costs it.
 *
 * -DbaseUrl, -Dclients (4), -DdurationSeconds (30), -Dcustomers (20)
 */
public class SignInSimulation extends Simulation {

  private final int clients = Integer.getInteger("clients", 4);
  private final int customers = Integer.getInteger("customers", 20);
  private List<String> emails;

  private final Iterator<Map<String, Object>> signIns =
    Stream.generate(() -> Map.<String, Object>of("email", emails.get(ThreadLocalRandom.current().nextInt(emails.size())))).iterator();

  {
    setUp(scenario("sign in").feed(signIns)
      .exec(http("sign in").post("/api/v1/sessions")
        .body(StringBody("{\"email\":\"#{email}\",\"password\":\"" + BenchSetup.PASSWORD + "\"}")).asJson()
        .check(status().is(200)))
      .injectClosed(constantConcurrentUsers(clients).during(Knobs.DURATION_SECONDS)))
      .protocols(Knobs.protocol());
  }

  @Override
  public void before() {
    emails = new BenchSetup(Knobs.BASE_URL).customerEmails(customers);
  }
}
