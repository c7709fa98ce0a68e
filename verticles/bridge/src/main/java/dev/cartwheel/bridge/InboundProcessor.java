package dev.cartwheel.bridge;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.ErrorKind;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.Restock;
import dev.cartwheel.codecs.inventory.RestockAll;
import dev.cartwheel.codecs.inventory.RestockResults;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inbound record, start to end: read it as a CloudEvent (binary or structured), skip it if its
 * {@code source} + {@code id} was handled before, turn it into an event-bus command and send it, retrying
 * transient failures with backoff, and remember it as handled. Whatever can never succeed is dead-lettered.
 * Restocks also go in batches ({@link #processRestocks}): the same steps, each a statement or a request for
 * the whole batch.
 * The returned future fails only when neither could be recorded (the database or Kafka is away): the
 * consumer then reads the record again.
 */
final class InboundProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(InboundProcessor.class);
  private static final String SEEN =
      "SELECT 1 FROM bridge.processed_inbound WHERE source = $1 AND id = $2";
  private static final String REMEMBER =
      "INSERT INTO bridge.processed_inbound (source, id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
  private static final String SEEN_ANY =
      "SELECT source, id FROM bridge.processed_inbound"
          + " WHERE (source, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))";
  private static final String REMEMBER_ALL =
      "INSERT INTO bridge.processed_inbound (source, id, type)"
          + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING";

  /** A record that is a restock CloudEvent with valid data, read, and its command. */
  record ReadRestock(ConsumerRecord<byte[], byte[]> record, CloudEvent event, Restock restock) {

    String source() {
      return event.getSource().toString();
    }

    String handledKey() {
      return InboundProcessor.handledKey(source(), event.getId());
    }
  }

  /** What the dedupe remembers of an event: its source and id. */
  private static String handledKey(String source, String id) {
    return source + "\n" + id;
  }

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

  /** The record as a restock that can join a batch; empty for anything else, which is processed alone. */
  Optional<ReadRestock> asRestock(ConsumerRecord<byte[], byte[]> record) {
    try {
      CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
      if (!InboundTypes.RESTOCK.equals(event.getType())) {
        return Optional.empty();
      }
      return Optional.of(
          new ReadRestock(record, event, (Restock) InboundTypes.command(event).body()));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * Restocks handled together, in their order: those handled before skipped (one query), the rest sent to
   * inventory as one {@link InventoryContract#RESTOCK_ALL} (one transaction), a restock it refuses
   * dead-lettered alone, the applied ones remembered (one statement). Fails when the batch could not be
   * finished (inventory away or slow, the database away): the caller then processes each record alone,
   * with its retries; what the batch did meanwhile is found done then (restock ids, dedupe rows).
   */
  Future<Void> processRestocks(List<ReadRestock> restocks) {
    return spans.around(restocks, () -> handleRestocks(restocks));
  }

  private Future<Void> handleRestocks(List<ReadRestock> restocks) {
    return pool.preparedQuery(SEEN_ANY)
        .execute(
            Tuple.tuple()
                .addArrayOfString(restocks.stream().map(ReadRestock::source).toArray(String[]::new))
                .addArrayOfString(
                    restocks.stream()
                        .map(restock -> restock.event().getId())
                        .toArray(String[]::new)))
        .compose(
            rows -> {
              Set<String> handled = new HashSet<>();
              rows.forEach(
                  row -> handled.add(handledKey(row.getString("source"), row.getString("id"))));
              // the first of a key seen twice in one batch goes; the second is a duplicate
              List<ReadRestock> fresh =
                  restocks.stream().filter(restock -> handled.add(restock.handledKey())).toList();
              int duplicates = restocks.size() - fresh.size();
              Future<Void> done = fresh.isEmpty() ? Future.succeededFuture() : restockAll(fresh);
              return done.andThen(
                  finished -> {
                    for (int i = 0; finished.succeeded() && i < duplicates; i++) {
                      metrics.counted(InboundTypes.RESTOCK, InboundMetrics.DUPLICATE);
                    }
                  });
            });
  }

  private Future<Void> restockAll(List<ReadRestock> restocks) {
    DeliveryOptions options =
        new DeliveryOptions().setSendTimeout(settings.requestTimeout().toMillis());
    return vertx
        .eventBus()
        .<RestockResults>request(
            InventoryContract.RESTOCK_ALL,
            new RestockAll(restocks.stream().map(ReadRestock::restock).toList()),
            options)
        .compose(
            reply -> {
              List<RestockResults.Result> results = reply.body().results();
              List<ReadRestock> applied = new ArrayList<>();
              List<Integer> refused = new ArrayList<>();
              for (int i = 0; i < restocks.size(); i++) {
                if (results.get(i).applied()) {
                  applied.add(restocks.get(i));
                } else {
                  refused.add(i);
                }
              }
              // remembered first: a batch taken up again after a failed dead letter finds them done
              return remember(applied)
                  .compose(remembered -> deadLetterRefused(restocks, results, refused));
            });
  }

  /** The restocks at {@code refused}, each dead-lettered with its result's code and detail. */
  private Future<Void> deadLetterRefused(
      List<ReadRestock> restocks, List<RestockResults.Result> results, List<Integer> refused) {
    List<Future<Void>> letters = new ArrayList<>();
    for (int i : refused) {
      Rejection rejection =
          new Rejection(Rejection.REJECTED, results.get(i).code() + ": " + results.get(i).detail());
      letters.add(deadLetter(restocks.get(i).record(), InboundTypes.RESTOCK, rejection));
    }
    return Future.all(letters).mapEmpty();
  }

  private Future<Void> remember(List<ReadRestock> applied) {
    if (applied.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(REMEMBER_ALL)
        .execute(
            Tuple.tuple()
                .addArrayOfString(applied.stream().map(ReadRestock::source).toArray(String[]::new))
                .addArrayOfString(
                    applied.stream().map(restock -> restock.event().getId()).toArray(String[]::new))
                .addArrayOfString(
                    applied.stream()
                        .map(restock -> restock.event().getType())
                        .toArray(String[]::new)))
        .<Void>mapEmpty()
        .onSuccess(
            remembered ->
                applied.forEach(
                    restock -> metrics.counted(InboundTypes.RESTOCK, InboundMetrics.HANDLED)));
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
