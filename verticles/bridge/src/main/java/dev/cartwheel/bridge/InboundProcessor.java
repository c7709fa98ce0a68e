package dev.cartwheel.bridge;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.ErrorKind;
import dev.cartwheel.runtime.node.Node;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inbound record, start to end: read it as a CloudEvent (binary or structured), skip it if its
 * {@code source} + {@code id} was handled before, turn it into an event-bus command and send it, retrying
 * transient failures with backoff, and remember it as handled. Whatever can never succeed is dead-lettered.
 * The returned future fails only when neither could be recorded (the database or Kafka is away): the
 * consumer then reads the record again.
 */
final class InboundProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(InboundProcessor.class);
  private static final String SEEN =
      "SELECT 1 FROM bridge.processed_inbound WHERE source = $1 AND id = $2";
  private static final String REMEMBER =
      "INSERT INTO bridge.processed_inbound (source, id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";

  private final Vertx vertx;
  private final Pool pool;
  private final DeadLetters deadLetters;
  private final BridgeConfig settings;
  private final InboundMetrics metrics;
  private final InboundSpans spans;

  InboundProcessor(Vertx vertx, Pool pool, DeadLetters deadLetters, BridgeConfig settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.deadLetters = deadLetters;
    this.settings = settings;
    this.metrics = new InboundMetrics(Node.of(vertx).meters());
    this.spans = new InboundSpans(vertx, Node.of(vertx).telemetry());
  }

  Future<Void> process(ConsumerRecord<byte[], byte[]> record) {
    CloudEvent event;
    try {
      event = KafkaMessageFactory.createReader(record).toEvent();
    } catch (RuntimeException e) {
      return deadLetter(
          record, null, new Rejection(Rejection.NOT_A_CLOUDEVENT, String.valueOf(e.getMessage())));
    }
    return spans.around(record, event, () -> handle(record, event));
  }

  private Future<Void> handle(ConsumerRecord<byte[], byte[]> record, CloudEvent event) {
    return pool.preparedQuery(SEEN)
        .execute(Tuple.of(event.getSource().toString(), event.getId()))
        .compose(
            seen -> {
              if (seen.size() > 0) {
                metrics.counted(event.getType(), InboundMetrics.DUPLICATE);
                return Future.succeededFuture();
              }
              InboundTypes.Command command;
              try {
                command = InboundTypes.command(event);
              } catch (Rejection rejection) {
                return deadLetter(record, event.getType(), rejection);
              }
              return send(command, 1)
                  .compose(
                      handled ->
                          pool.preparedQuery(REMEMBER)
                              .execute(
                                  Tuple.of(
                                      event.getSource().toString(), event.getId(), event.getType()))
                              .<Void>mapEmpty()
                              .andThen(
                                  remembered ->
                                      metrics.counted(event.getType(), InboundMetrics.HANDLED)),
                      failure ->
                          failure instanceof Rejection rejection
                              ? deadLetter(record, event.getType(), rejection)
                              : Future.failedFuture(failure));
            });
  }

  /** Sends the command; transient failures are retried until maxAttempts, then become RETRIES_EXHAUSTED. */
  private Future<Void> send(InboundTypes.Command command, int attempt) {
    DeliveryOptions options =
        new DeliveryOptions().setSendTimeout(settings.requestTimeout().toMillis());
    return vertx
        .eventBus()
        .request(command.address(), command.body(), options)
        .<Void>mapEmpty()
        .recover(
            failure -> {
              if (!isTransient(failure)) {
                String code = failure instanceof DomainFailure domain ? domain.code() + ": " : "";
                return Future.failedFuture(
                    new Rejection(Rejection.REJECTED, code + failure.getMessage()));
              }
              if (attempt >= settings.maxAttempts()) {
                return Future.failedFuture(
                    new Rejection(
                        Rejection.RETRIES_EXHAUSTED,
                        attempt
                            + " attempts at "
                            + command.address()
                            + "; last: "
                            + failure.getMessage()));
              }
              Promise<Void> later = Promise.promise();
              vertx.setTimer(
                  settings.backoff(attempt).toMillis(),
                  timer -> send(command, attempt + 1).onComplete(later));
              return later.future();
            });
  }

  /** Unavailable or internal failures, no handler, no answer in time: worth another try. */
  private static boolean isTransient(Throwable failure) {
    if (failure instanceof DomainFailure domain) {
      return domain.kind() == ErrorKind.UNAVAILABLE || domain.kind() == ErrorKind.INTERNAL;
    }
    return failure instanceof ReplyException;
  }

  private Future<Void> deadLetter(
      ConsumerRecord<byte[], byte[]> record, String type, Rejection rejection) {
    LOG.warn(
        "Dead-lettering {}-{}@{} ({}): {}",
        record.topic(),
        record.partition(),
        record.offset(),
        rejection.reason(),
        rejection.getMessage());
    return deadLetters
        .reject(record, rejection)
        .onSuccess(written -> metrics.deadLettered(type, rejection.reason()));
  }
}
