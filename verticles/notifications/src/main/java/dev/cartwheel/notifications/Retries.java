package dev.cartwheel.notifications;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Tries a task again after a failure (a database blip, a refund heard before its order), waiting longer
 * each time, a bounded number of times. The event bus delivers an event once: this is its second chance.
 */
final class Retries {

  /** notifications.retry*: how often, and how long to wait first and at most. */
  record Settings(int attempts, Duration base, Duration max) {}

  private final Vertx vertx;
  private final Settings settings;

  Retries(Vertx vertx, Settings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  <T> Future<T> run(Supplier<Future<T>> task) {
    return attempt(task, 1);
  }

  private <T> Future<T> attempt(Supplier<Future<T>> task, int attempt) {
    return task.get()
        .recover(
            error -> {
              if (attempt >= settings.attempts()) {
                return Future.failedFuture(error);
              }
              long wait =
                  Math.min(
                      settings.max().toMillis(),
                      settings.base().toMillis() << Math.min(attempt - 1, 20));
              return vertx
                  .timer(wait, TimeUnit.MILLISECONDS)
                  .compose(waited -> attempt(task, attempt + 1));
            });
  }
}
