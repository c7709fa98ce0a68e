package dev.cartwheel.runtime.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pins the Vert.x internals {@link VertxInternals} relies on. A failure here after a Vert.x upgrade means the
 * internal API moved: read the message, then check the named class in the new Vert.x sources and whether the
 * public API now offers the same (docs/upstream/vertx-public-api-gaps.md).
 */
@ExtendWith(VertxExtension.class)
class VertxInternalsTest {

  @Test
  @DisplayName(
      "a consumer that unregisters hands the messages it had accepted to the discard handler")
  void discardedMessagesReachTheHandler(Vertx vertx) throws Exception {
    MessageConsumer<String> consumer =
        vertx.eventBus().consumer("internals.test", message -> message.reply("handled"));
    List<String> discarded = new CopyOnWriteArrayList<>();
    VertxInternals.onDiscarded(
        consumer,
        message -> {
          discarded.add(message.body());
          message.reply("answered while draining");
        });
    consumer.completion().await(5, TimeUnit.SECONDS);
    consumer.pause();
    var first = vertx.eventBus().<String>request("internals.test", "one");
    var second = vertx.eventBus().<String>request("internals.test", "two");
    vertx.timer(100).compose(waited -> consumer.unregister()).await(5, TimeUnit.SECONDS);

    assertThat(first.await(5, TimeUnit.SECONDS).body())
        .as(
            "MessageConsumerImpl.discardHandler no longer receives the messages pending at unregister: Endpoints' drain"
                + " (ClusterDrainIT's zero timeouts) depends on it")
        .isEqualTo("answered while draining");
    assertThat(second.await(5, TimeUnit.SECONDS).body()).isEqualTo("answered while draining");
    assertThat(discarded).containsExactly("one", "two");
  }

  @Test
  @DisplayName(
      "a fresh duplicate context has local data of its own, seen by its callbacks, and the root context has none")
  void duplicatesKeepTheirOwnLocals(Vertx vertx) throws Exception {
    Context duplicate = VertxInternals.freshDuplicate(vertx);
    Context another = VertxInternals.freshDuplicate(vertx);
    Promise<Optional<Object>> seenLater = Promise.promise();
    Promise<Optional<Object>> seenByAnother = Promise.promise();
    Promise<Boolean> rootHasNone = Promise.promise();

    duplicate.runOnContext(
        start -> {
          VertxInternals.requestLocals()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "ContextInternal.isDuplicate()/localContextData() changed: RequestContext and InboundSpans depend on them"))
              .put("key", "mine");
          vertx.setTimer(
              10,
              later ->
                  seenLater.complete(
                      VertxInternals.requestLocals().map(locals -> locals.get("key"))));
        });
    another.runOnContext(
        start ->
            seenByAnother.complete(
                VertxInternals.requestLocals().map(locals -> locals.get("key"))));
    vertx
        .getOrCreateContext()
        .runOnContext(start -> rootHasNone.complete(VertxInternals.requestLocals().isEmpty()));

    assertThat(seenLater.future().await(5, TimeUnit.SECONDS))
        .as("a timer set on the duplicate runs on it")
        .contains("mine");
    assertThat(seenByAnother.future().await(5, TimeUnit.SECONDS))
        .as("another duplicate sees nothing of it")
        .isEmpty();
    assertThat(rootHasNone.future().await(5, TimeUnit.SECONDS))
        .as("a verticle's own context is not a request's")
        .isTrue();
    assertThat(duplicate.owner()).isSameAs(vertx);
  }
}
