package dev.cartwheel.notifications;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs tasks with the same key one after another, in the order they were given; tasks with other keys
 * run meanwhile. Used from one event loop only.
 */
final class KeyedQueue {

  private final Map<Object, Future<?>> tails = new HashMap<>();

  <T> Future<T> run(Object key, Supplier<Future<T>> task) {
    Future<?> previous = tails.getOrDefault(key, Future.succeededFuture());
    Future<T> next = previous.transform(done -> task.get());
    tails.put(key, next);
    next.onComplete(done -> tails.remove(key, next));
    return next;
  }
}
