package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.embedded.Ports;
import dev.cartwheel.runtime.bus.Endpoints;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two clustered Vert.x instances in this JVM: one answers an address through {@link Endpoints}, the other
 * sends it requests back to back while the first undeploys. Vert.x drops, without a word, a request that
 * reaches a node after its consumer unregistered, so the sender would wait for its timeout; a draining
 * instance must leave the cluster's routing before it stops listening.
 */
@Timeout(120)
class ClusterDrainIT {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterDrainIT.class);
  private static final String ADDRESS = "drain.echo";
  private static final int SENDERS = 8;
  private static final int DRAINS = 5;

  @Test
  @DisplayName(
      "a clustered instance that drains answers every request routed to it; none is left to time out")
  void drainingLeavesNoRequestUnanswered() {
    String name = "drain-" + UUID.randomUUID();
    int senderPort = Ports.free();
    int answererPort = Ports.free();
    String members = "127.0.0.1:" + senderPort + ",127.0.0.1:" + answererPort;
    Vertx sender = InJvmMember.join(name, members, senderPort);
    Vertx answerer = InJvmMember.join(name, members, answererPort);
    try {
      Map<ReplyFailure, LongAdder> failures = new ConcurrentHashMap<>();
      LongAdder answered = new LongAdder();
      for (int round = 0; round < DRAINS; round++) {
        String deployment = answerer.deployVerticle(new Echo()).await();
        // the sender learns of the new consumer a moment after it registered
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    sender.eventBus().request(ADDRESS, "ping").map(true).otherwise(false).await());
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger running = new AtomicInteger(SENDERS);
        for (int i = 0; i < SENDERS; i++) {
          sendUntilStopped(sender, sending, running, answered, failures);
        }
        long before = answered.sum();
        await().atMost(Duration.ofSeconds(10)).until(() -> answered.sum() > before + 500);
        answerer.undeploy(deployment).await();
        long refusedBefore = refused(failures);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> refused(failures) > refusedBefore + SENDERS);
        sending.set(false);
        // a request the drain lost would only fail when its timeout fires: wait for every last one
        await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 0);
      }
      System.out.printf(
          "%n[drain] %d drains under load: %d answered, refused or lost: %s%n",
          DRAINS, answered.sum(), failures);
      assertThat(answered.sum()).as("requests answered").isPositive();
      assertThat(failures.keySet())
          .as("how requests failed: only ever refused at once, never left to time out")
          .isSubsetOf(ReplyFailure.NO_HANDLERS);
    } finally {
      answerer.close().await();
      sender.close().await();
    }
  }

  private static long refused(Map<ReplyFailure, LongAdder> failures) {
    LongAdder refused = failures.get(ReplyFailure.NO_HANDLERS);
    return refused == null ? 0 : refused.sum();
  }

  /** One sender: the next request goes as soon as the previous one is answered or refused. */
  private static void sendUntilStopped(
      Vertx vertx,
      AtomicBoolean sending,
      AtomicInteger running,
      LongAdder answered,
      Map<ReplyFailure, LongAdder> failures) {
    if (!sending.get()) {
      running.decrementAndGet();
      return;
    }
    vertx
        .eventBus()
        .request(ADDRESS, "ping", new DeliveryOptions().setSendTimeout(3_000))
        .onComplete(
            reply -> {
              if (reply.succeeded()) {
                answered.increment();
                sendUntilStopped(vertx, sending, running, answered, failures);
              } else {
                ReplyFailure failure =
                    reply.cause() instanceof ReplyException e
                        ? e.failureType()
                        : ReplyFailure.ERROR;
                failures.computeIfAbsent(failure, f -> new LongAdder()).increment();
                // no handler anywhere answers at once: pace the retries
                vertx.setTimer(
                    5, t -> sendUntilStopped(vertx, sending, running, answered, failures));
              }
            });
  }

  /** Answers each request with its body, and drains when undeployed, like every domain verticle. */
  private static final class Echo extends VerticleBase {
    private Endpoints endpoints;

    @Override
    public Future<?> start() {
      endpoints = new Endpoints(vertx, LOG).reply(ADDRESS, Future::succeededFuture);
      return endpoints.ready("drain-echo");
    }

    @Override
    public Future<?> stop() {
      return endpoints.drain(Duration.ofSeconds(5));
    }
  }
}
