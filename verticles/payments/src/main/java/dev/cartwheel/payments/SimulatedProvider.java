package dev.cartwheel.payments;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The project's own payment provider, for development, tests and demos: it answers after a configurable
 * latency, fails a configurable share of calls (without charging), declines a given card token and
 * amounts over a limit, and, like a real provider, remembers every idempotency key in its own ledger
 * (table simulated_provider_ledger), so a retried call never charges twice, even across restarts.
 */
final class SimulatedProvider implements PaymentProvider {

  /** payments.simulator.* */
  record Settings(
      Duration latency, int failurePercent, long declineOverMinor, String declineToken) {}

  /** The first answer for a key is the answer: a repeated call gets the recorded one (the no-op update returns it). */
  private static final String RECORD =
      "INSERT INTO payments.simulated_provider_ledger AS l"
          + " (idempotency_key, outcome, reference, amount_minor, currency, decline_reason) VALUES ($1, $2, $3, $4, $5, $6)"
          + " ON CONFLICT (idempotency_key) DO UPDATE SET outcome = l.outcome RETURNING outcome, reference, decline_reason";

  private static final String VOID_UNLESS_KNOWN =
      "INSERT INTO payments.simulated_provider_ledger"
          + " (idempotency_key, outcome, reference, amount_minor, currency) VALUES ($1, 'VOIDED', $2, 0, 'XXX') ON CONFLICT (idempotency_key) DO NOTHING";
  private static final String REFUND =
      "UPDATE payments.simulated_provider_ledger SET refunded = true"
          + " WHERE idempotency_key = $1 AND outcome = 'AUTHORIZED' RETURNING idempotency_key";

  private final Vertx vertx;
  private final Pool pool;
  private final Settings settings;

  SimulatedProvider(Vertx vertx, Pool pool, Settings settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.settings = settings;
  }

  @Override
  public Future<Authorization> authorize(
      String idempotencyKey, long amountMinor, String currency, String paymentToken) {
    return afterLatency()
        .compose(
            ready -> {
              String declineReason =
                  paymentToken.equals(settings.declineToken())
                      ? "card-declined"
                      : amountMinor > settings.declineOverMinor() ? "amount-over-limit" : null;
              String outcome = declineReason == null ? "AUTHORIZED" : "DECLINED";
              String reference =
                  "sim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
              return pool.preparedQuery(RECORD)
                  .execute(
                      Tuple.of(
                          idempotencyKey, outcome, reference, amountMinor, currency, declineReason))
                  .map(rows -> authorization(rows.iterator().next()));
            });
  }

  @Override
  public Future<Boolean> refund(String idempotencyKey) {
    return afterLatency()
        .compose(
            ready ->
                pool.preparedQuery(VOID_UNLESS_KNOWN).execute(Tuple.of(idempotencyKey, "sim_void")))
        .compose(voided -> pool.preparedQuery(REFUND).execute(Tuple.of(idempotencyKey)))
        .map(refunded -> refunded.rowCount() == 1);
  }

  private static Authorization authorization(Row row) {
    return switch (row.getString("outcome")) {
      case "AUTHORIZED" -> new Authorization(Outcome.APPROVED, row.getString("reference"), null);
      case "DECLINED" ->
          new Authorization(
              Outcome.DECLINED, row.getString("reference"), row.getString("decline_reason"));
      default -> new Authorization(Outcome.VOIDED, row.getString("reference"), "voided");
    };
  }

  /** Waits the configured latency, then fails the configured share of calls before anything is recorded. */
  private Future<Void> afterLatency() {
    Promise<Void> ready = Promise.promise();
    Runnable decide =
        () -> {
          if (ThreadLocalRandom.current().nextInt(100) < settings.failurePercent()) {
            ready.fail(new IllegalStateException("simulated provider outage"));
          } else {
            ready.complete();
          }
        };
    if (settings.latency().isZero()) {
      decide.run();
    } else {
      vertx.setTimer(settings.latency().toMillis(), timer -> decide.run());
    }
    return ready.future();
  }
}
