package dev.cartwheel.gateway.limits;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.users.EmailAddresses;
import dev.cartwheel.codecs.users.UsersError;
import dev.cartwheel.gateway.problems.GatewayError;
import dev.cartwheel.gateway.problems.Problem;
import dev.cartwheel.gateway.problems.ProblemException;
import dev.cartwheel.runtime.config.ConfigReader;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password guessing, stopped where guesses come in. Failed sign-ins are counted per account (the e-mail
 * address, whether or not an account has it, so an unknown address is treated the same) and per client
 * address; registrations, which each cost a hash, per client address. The counts are token buckets kept
 * where the rate limiter keeps its own (the cluster's grid when clustered), so all gateways count together.
 * <p>
 * An attempt takes a token from each of its buckets before the users domain sees it, so that a burst of
 * parallel guesses cannot all slip past the count; an attempt that does not count (a sign-in that
 * succeeded, or one the domain could not judge) gives its tokens back. With a bucket empty, the attempt is
 * refused at once with 429 and Retry-After, without a hash, even with the right password. As with the
 * rate limiter, a grid that fails lets attempts through: the guard must not become the outage.
 */
public final class SignInThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(SignInThrottle.class);

  /** The loginThrottle.* keys. */
  public record Settings(
      boolean enabled,
      AttemptLimits accountFailures,
      AttemptLimits addressFailures,
      AttemptLimits addressRegistrations) {

    public static Settings from(ConfigReader config) {
      return new Settings(
          config.bool("loginThrottle.enabled"),
          AttemptLimits.parse(
              "loginThrottle.accountFailures",
              config.requiredString("loginThrottle.accountFailures")),
          AttemptLimits.parse(
              "loginThrottle.addressFailures",
              config.requiredString("loginThrottle.addressFailures")),
          AttemptLimits.parse(
              "loginThrottle.addressRegistrations",
              config.requiredString("loginThrottle.addressRegistrations")));
    }
  }

  /** One bucket an attempt is counted in; the limits are part of the key, so changed limits start on new buckets. */
  private record Count(String key, BucketConfiguration bucket) {

    static Count of(String kind, AttemptLimits limits, String who) {
      return new Count("throttle/" + kind + "/" + limits.spec() + "/" + who, limits.bucket());
    }
  }

  private final Settings settings;
  private final RateBuckets buckets;

  public SignInThrottle(Settings settings, RateBuckets buckets) {
    this.settings = settings;
    this.buckets = buckets;
  }

  /** Runs {@code login} unless this account or address has failed too often lately; only a wrong password counts. */
  public <T> Future<T> login(String email, String address, Supplier<Future<T>> login) {
    if (!settings.enabled()) {
      return login.get();
    }
    List<Count> counts =
        List.of(
            Count.of("login-account", settings.accountFailures(), account(email)),
            Count.of("login-address", settings.addressFailures(), address));
    return guarded(
        counts,
        login,
        SignInThrottle::wrongCredentials,
        "Too many failed sign-ins for this account or from this address.");
  }

  /** Runs {@code registration} unless this address registered too often lately; every registration that cost a hash counts. */
  public <T> Future<T> register(String address, Supplier<Future<T>> registration) {
    if (!settings.enabled()) {
      return registration.get();
    }
    return guarded(
        List.of(Count.of("registration-address", settings.addressRegistrations(), address)),
        registration,
        SignInThrottle::costAHash,
        "Too many registrations from this address.");
  }

  private <T> Future<T> guarded(
      List<Count> counts,
      Supplier<Future<T>> attempt,
      Predicate<AsyncResult<T>> counted,
      String refusal) {
    List<Future<ConsumptionProbe>> taken =
        counts.stream().map(count -> buckets.take(count.key(), count.bucket(), 1)).toList();
    return Future.join(taken)
        .transform(
            ignored -> {
              List<Count> charged = new ArrayList<>();
              boolean refused = false;
              long waitNanos = 0;
              for (int i = 0; i < counts.size(); i++) {
                Future<ConsumptionProbe> probe = taken.get(i);
                if (probe.failed()) {
                  LOG.warn(
                      "Sign-in throttle store failed, the attempt goes through uncounted: {}",
                      probe.cause().getMessage());
                } else if (probe.result().isConsumed()) {
                  charged.add(counts.get(i));
                } else {
                  refused = true;
                  waitNanos = Math.max(waitNanos, probe.result().getNanosToWaitForRefill());
                }
              }
              if (refused) {
                giveBack(charged);
                long seconds =
                    Math.max(
                        1,
                        (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1)
                            / TimeUnit.SECONDS.toNanos(1));
                return Future.failedFuture(
                    new ProblemException(
                        Problem.of(
                                GatewayError.TOO_MANY_ATTEMPTS,
                                refusal + " Retry after " + seconds + " s.")
                            .retryAfter((int) Math.min(Integer.MAX_VALUE, seconds))));
              }
              return attempt
                  .get()
                  .andThen(
                      done -> {
                        if (!counted.test(done)) {
                          giveBack(charged);
                        }
                      });
            });
  }

  private void giveBack(List<Count> charged) {
    charged.forEach(
        count ->
            buckets
                .giveBack(count.key(), count.bucket(), 1)
                .onFailure(
                    error ->
                        LOG.warn(
                            "Sign-in throttle store failed to give a token back: {}",
                            error.getMessage())));
  }

  private static boolean wrongCredentials(AsyncResult<?> login) {
    return login.failed()
        && login.cause() instanceof DomainFailure failure
        && failure.code().equals(UsersError.INVALID_CREDENTIALS.code());
  }

  private static boolean costAHash(AsyncResult<?> registration) {
    return registration.succeeded()
        || (registration.cause() instanceof DomainFailure failure
            && failure.code().equals(UsersError.EMAIL_TAKEN.code()));
  }

  /** The account as the users domain keys it, hashed: the grid holds no e-mail addresses, and keys stay short. */
  private static String account(String email) {
    String normalized = email == null ? "" : EmailAddresses.normalize(email);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
