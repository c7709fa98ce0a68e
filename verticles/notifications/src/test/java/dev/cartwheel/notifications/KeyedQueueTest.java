package dev.cartwheel.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyedQueueTest {

  private final KeyedQueue queue = new KeyedQueue();
  private final List<String> started = new ArrayList<>();

  @Test
  void tasksOfOneKeyWaitForEachOtherWhileOtherKeysGoOn() {
    Promise<Void> firstOfAda = Promise.promise();
    queue.run("ada", () -> start("ada-1", firstOfAda.future()));
    queue.run("ada", () -> start("ada-2", Future.succeededFuture()));
    queue.run("bob", () -> start("bob-1", Future.succeededFuture()));

    assertThat(started).containsExactly("ada-1", "bob-1");
    firstOfAda.complete();
    assertThat(started).containsExactly("ada-1", "bob-1", "ada-2");
  }

  @Test
  void aFailedTaskDoesNotStopTheOnesBehindIt() {
    Future<Void> failed = queue.run("ada", () -> start("ada-1", Future.failedFuture("boom")));
    queue.run("ada", () -> start("ada-2", Future.succeededFuture()));

    assertThat(failed.failed()).isTrue();
    assertThat(started).containsExactly("ada-1", "ada-2");
  }

  private Future<Void> start(String name, Future<Void> outcome) {
    started.add(name);
    return outcome;
  }
}
