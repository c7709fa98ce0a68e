package dev.cartwheel.users;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.users.UsersError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id hashing (password4j), on a small worker pool of its own: a hash takes tens of milliseconds
 * of CPU, so it must never run on an event loop, and a burst of logins must not starve other blocking
 * work. Hashes are stored in the PHC string format, which carries their own cost parameters, so the
 * cost can be raised later without invalidating existing hashes.
 */
final class PasswordHasher {

  private static final int HASH_BYTES = 32;

  private final WorkerExecutor workers;
  private final Argon2Function argon2;
  private final String decoyHash;
  private final int queueLimit;
  private final AtomicInteger queued = new AtomicInteger();

  private PasswordHasher(WorkerExecutor workers, Argon2Function argon2, String decoyHash, int queueLimit) {
    this.workers = workers;
    this.argon2 = argon2;
    this.decoyHash = decoyHash;
    this.queueLimit = queueLimit;
  }

  static Future<PasswordHasher> create(Vertx vertx, UsersConfig.Hashing hashing) {
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("cartwheel-password-hashing", hashing.threads());
    Argon2Function argon2 = Argon2Function.getInstance(hashing.memoryKib(), hashing.iterations(), hashing.parallelism(), HASH_BYTES, Argon2.ID);
    return workers.executeBlocking(() -> argon2.hash(UUID.randomUUID().toString()).getResult(), false)
      .map(decoy -> new PasswordHasher(workers, argon2, decoy, hashing.queueLimit()));
  }

  Future<String> hash(String password) {
    return bounded(() -> argon2.hash(password).getResult());
  }

  Future<Boolean> matches(String password, String storedHash) {
    return bounded(() -> Argon2Function.getInstanceFromHash(storedHash).check(password, storedHash));
  }

  /**
   * Runs a hash unless {@code users.hashQueueLimit} hashes already wait: a burst of logins then gets a
   * fast BUSY (503) instead of queueing work whose requesters will have timed out, which would also
   * trip the gateway's breaker for every users call.
   */
  private <T> Future<T> bounded(Callable<T> hashing) {
    if (queued.incrementAndGet() > queueLimit) {
      queued.decrementAndGet();
      return Future.failedFuture(DomainFailure.of(UsersError.BUSY, "Too many password checks at once; try again in a moment."));
    }
    return workers.executeBlocking(hashing, false).andThen(done -> queued.decrementAndGet());
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
