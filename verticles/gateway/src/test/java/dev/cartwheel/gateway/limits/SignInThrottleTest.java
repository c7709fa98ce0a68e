package dev.cartwheel.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.users.UsersError;
import dev.cartwheel.gateway.problems.ProblemException;
import dev.cartwheel.runtime.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sign-in throttle's counting, on buckets in this JVM (RateLimitIT runs it through two clustered gateways). */
class SignInThrottleTest {

  private static final String RIGHT = "right";
  private final AtomicInteger checked = new AtomicInteger();

  @Test
  @DisplayName(
      "after the account's failures, even the right password is refused without being checked, until a failure's time has passed")
  void failuresLockTheAccount() throws Exception {
    SignInThrottle throttle = throttle("3/900ms", "100/1m", "100/1m");
    for (int i = 0; i < 3; i++) {
      assertThat(login(throttle, "ada@example.com", "10.0.0." + i, "wrong"))
          .isEqualTo("INVALID_CREDENTIALS");
    }
    assertThat(login(throttle, " Ada@Example.COM ", "10.0.0.9", RIGHT))
        .as("the same account, however it is written")
        .isEqualTo("429 after 1 s");
    assertThat(checked).as("a refused attempt costs no password check").hasValue(3);
    assertThat(login(throttle, "grace@example.com", "10.0.0.9", RIGHT))
        .as("other accounts are not touched")
        .isEqualTo("signed in");

    // a sleep, not a poll: the bucket gives one failure back each 300 ms, and the test is that it
    // does by then
    Thread.sleep(350);
    assertThat(login(throttle, "ada@example.com", "10.0.0.9", RIGHT)).isEqualTo("signed in");
  }

  @Test
  @DisplayName(
      "an address that fails on many accounts is refused on every account, unknown ones included")
  void failuresLockTheAddress() {
    SignInThrottle throttle = throttle("100/1m", "4/1m", "100/1m");
    for (int i = 0; i < 4; i++) {
      assertThat(login(throttle, "nobody-" + i + "@example.com", "192.0.2.7", "wrong"))
          .isEqualTo("INVALID_CREDENTIALS");
    }
    assertThat(login(throttle, "ada@example.com", "192.0.2.7", RIGHT)).startsWith("429 after ");
    assertThat(login(throttle, "ada@example.com", "192.0.2.8", RIGHT))
        .as("another address")
        .isEqualTo("signed in");
  }

  @Test
  @DisplayName("successful sign-ins and answers the domain could not give do not count")
  void onlyWrongPasswordsCount() {
    SignInThrottle throttle = throttle("2/1m", "2/1m", "100/1m");
    for (int i = 0; i < 5; i++) {
      assertThat(login(throttle, "ada@example.com", "192.0.2.1", RIGHT)).isEqualTo("signed in");
      assertThat(
              throttle
                  .login(
                      "ada@example.com",
                      "192.0.2.1",
                      () -> Future.failedFuture(DomainFailure.of(UsersError.BUSY, "busy")))
                  .cause())
          .isInstanceOf(DomainFailure.class);
    }
    assertThat(login(throttle, "ada@example.com", "192.0.2.1", "wrong"))
        .isEqualTo("INVALID_CREDENTIALS");
    assertThat(login(throttle, "ada@example.com", "192.0.2.1", "wrong"))
        .isEqualTo("INVALID_CREDENTIALS");
    assertThat(login(throttle, "ada@example.com", "192.0.2.1", RIGHT)).startsWith("429");
  }

  @Test
  @DisplayName(
      "a burst of parallel guesses is counted before any is answered: no more than the limit reach the domain")
  void parallelGuessesAreCountedFirst() {
    SignInThrottle throttle = throttle("3/1m", "100/1m", "100/1m");
    List<Promise<String>> pending = new ArrayList<>();
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      answers.add(
          throttle.login(
              "ada@example.com",
              "192.0.2.1",
              () -> {
                Promise<String> answer = Promise.promise();
                pending.add(answer);
                return answer.future();
              }));
    }
    assertThat(pending).as("attempts that reached the domain").hasSize(3);
    assertThat(
            answers.stream()
                .filter(Future::failed)
                .map(answer -> ((ProblemException) answer.cause()).problem().code()))
        .hasSize(7)
        .containsOnly("TOO_MANY_ATTEMPTS");
  }

  @Test
  @DisplayName(
      "registrations from one address are limited; one the domain found invalid cost no hash and does not count")
  void registrationsPerAddress() {
    SignInThrottle throttle = throttle("100/1m", "100/1m", "2/1m");
    assertThat(
            register(
                throttle, Future.failedFuture(DomainFailure.of(UsersError.EMAIL_TAKEN, "taken"))))
        .isEqualTo("EMAIL_TAKEN");
    assertThat(register(throttle, Future.failedFuture(DomainFailure.invalid(List.of()))))
        .isEqualTo("VALIDATION_FAILED");
    assertThat(register(throttle, Future.succeededFuture("created"))).isEqualTo("created");
    assertThat(register(throttle, Future.succeededFuture("created"))).startsWith("429");
  }

  @Test
  @DisplayName(
      "limits are read as count/window, and anything else is a configuration error naming the key")
  void limitsAreParsed() {
    assertThat(AttemptLimits.parse("k", " 5/1m, 20/1h 50/1d ").limits())
        .containsExactly(
            new AttemptLimits.Limit(5, Duration.ofMinutes(1)),
            new AttemptLimits.Limit(20, Duration.ofHours(1)),
            new AttemptLimits.Limit(50, Duration.ofDays(1)));
    assertThat(AttemptLimits.parse("k", "3/500ms").limits())
        .containsExactly(new AttemptLimits.Limit(3, Duration.ofMillis(500)));
    for (String wrong : List.of("", "5", "5/m", "0/1m", "5/0s", "5/1w", "five/1m", "-1/1m")) {
      assertThatThrownBy(() -> AttemptLimits.parse("loginThrottle.accountFailures", wrong))
          .as(wrong)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("loginThrottle.accountFailures");
    }
  }

  private SignInThrottle throttle(String account, String address, String registrations) {
    return new SignInThrottle(
        new SignInThrottle.Settings(
            true,
            AttemptLimits.parse("a", account),
            AttemptLimits.parse("b", address),
            AttemptLimits.parse("c", registrations)),
        new LocalRateBuckets());
  }

  /** What the client would learn: signed in, the domain's refusal, or the throttle's 429 with its Retry-After. */
  private String login(SignInThrottle throttle, String email, String address, String password) {
    Future<String> answer =
        throttle.login(
            email,
            address,
            () -> {
              checked.incrementAndGet();
              return password.equals(RIGHT)
                  ? Future.succeededFuture("signed in")
                  : Future.failedFuture(DomainFailure.of(UsersError.INVALID_CREDENTIALS, "wrong"));
            });
    return outcome(answer);
  }

  private static String register(SignInThrottle throttle, Future<String> domainAnswer) {
    return outcome(throttle.register("192.0.2.50", () -> domainAnswer));
  }

  private static String outcome(Future<String> answer) {
    assertThat(answer.isComplete()).as("local buckets answer at once").isTrue();
    if (answer.succeeded()) {
      return answer.result();
    }
    if (answer.cause() instanceof ProblemException problem) {
      assertThat(problem.problem().code()).isEqualTo("TOO_MANY_ATTEMPTS");
      return problem.problem().status() + " after " + problem.problem().retryAfterSeconds() + " s";
    }
    return ((DomainFailure) answer.cause()).code();
  }
}
