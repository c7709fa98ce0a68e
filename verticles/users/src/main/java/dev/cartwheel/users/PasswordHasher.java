package dev.cartwheel.users;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.users.UsersError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id hashing with the reference C implementation (argon2-jvm: the system's libargon2, or the one it
 * bundles, through JNA), on a worker pool of its own: a hash takes tens of milliseconds of CPU, so it must
 * never run on an event loop, and a burst of logins must not starve other blocking work. Hashes are PHC
 * strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), which carry their own cost: a stored hash
 * is checked with the cost it was made with, and one weaker than the configured cost is made again at the
 * next correct login ({@link #weakerThanConfigured}).
 */
final class PasswordHasher {

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern PHC_COST =
      Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,9})\\$");

  private final WorkerExecutor workers;
  private final Argon2 argon2 =
      Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);
  private final UsersConfig.Hashing cost;
  private final int queueLimit;
  private final AtomicInteger queued = new AtomicInteger();
  private String decoyHash;

  private PasswordHasher(WorkerExecutor workers, UsersConfig.Hashing cost) {
    this.workers = workers;
    this.cost = cost;
    this.queueLimit = cost.queueLimit();
  }

  static Future<PasswordHasher> create(Vertx vertx, UsersConfig.Hashing hashing) {
    WorkerExecutor workers =
        vertx.createSharedWorkerExecutor("cartwheel-password-hashing", hashing.threadCount());
    PasswordHasher hasher = new PasswordHasher(workers, hashing);
    // loads the native library (a start that cannot hash fails here, not at the first login)
    return workers
        .executeBlocking(() -> hasher.hashNow(UUID.randomUUID().toString()), false)
        .map(
            decoy -> {
              hasher.decoyHash = decoy;
              return hasher;
            });
  }

  Future<String> hash(String password) {
    return bounded(() -> hashNow(password));
  }

  Future<Boolean> matches(String password, String storedHash) {
    return bounded(
        () -> {
          char[] chars = password.toCharArray();
          try {
            return argon2.verify(storedHash, chars, StandardCharsets.UTF_8);
          } finally {
            argon2.wipeArray(chars);
          }
        });
  }

  /**
   * True when {@code storedHash} was made with less memory or fewer passes than configured now, or is not
   * an argon2id v1.3 hash at all: it should be made again while the password is at hand. A hash made with
   * a stronger cost than the configured one is kept (lowering the setting does not weaken stored hashes).
   */
  boolean weakerThanConfigured(String storedHash) {
    Matcher stored = PHC_COST.matcher(storedHash);
    return !stored.find()
        || Long.parseLong(stored.group(1)) < cost.memoryKib()
        || Long.parseLong(stored.group(2)) < cost.iterations();
  }

  /**
   * Runs a hash unless {@code users.hashQueueLimit} hashes already wait: a burst of logins then gets a
   * fast BUSY (503) instead of queueing work whose requesters will have timed out, which would also
   * trip the gateway's breaker for every users call.
   */
  private <T> Future<T> bounded(Callable<T> hashing) {
    if (queued.incrementAndGet() > queueLimit) {
      queued.decrementAndGet();
      return Future.failedFuture(
          DomainFailure.of(
              UsersError.BUSY, "Too many password checks at once; try again in a moment."));
    }
    return workers.executeBlocking(hashing, false).andThen(done -> queued.decrementAndGet());
  }

  private String hashNow(String password) {
    char[] chars = password.toCharArray();
    try {
      return argon2.hash(
          cost.iterations(), cost.memoryKib(), cost.parallelism(), chars, StandardCharsets.UTF_8);
    } finally {
      argon2.wipeArray(chars);
    }
  }

  /**
   * Spends the same time as checking a real password and answers false, so that a login for an unknown
   * e-mail address cannot be told apart from a wrong password by its duration.
   */
  Future<Boolean> matchesNobody(String password) {
    return matches(password, decoyHash).map(ignored -> false);
  }

  Future<Void> close() {
    return workers.close();
  }
}
