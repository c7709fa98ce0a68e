package dev.cartwheel.payments;

import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.codecs.payments.Payment;
import dev.cartwheel.codecs.payments.PaymentStatus;
import dev.cartwheel.runtime.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of the payments domain, one statement per call. Status changes are compare-and-set: they return the
 * payment when they happened, and nothing when it was no longer in the status they expected.
 */
final class PaymentsRepository {

  private static final String COLUMNS =
      "order_id, status, amount_minor, currency, provider_reference, decline_reason, updated_at";

  /** The no-op update on conflict makes the statement return the existing row, locked as an insert would be. */
  private static final String OPEN =
      "INSERT INTO payments.payments AS p (order_id, status, amount_minor, currency) VALUES ($1, $2, $3, $4)"
          + " ON CONFLICT (order_id) DO UPDATE SET status = p.status RETURNING "
          + COLUMNS;

  private static final String FIND =
      "SELECT " + COLUMNS + " FROM payments.payments WHERE order_id = $1";
  private static final String SETTLE =
      "UPDATE payments.payments SET status = $3, provider_reference = coalesce($4, provider_reference),"
          + " decline_reason = $5, updated_at = now() WHERE order_id = $1 AND status = $2 RETURNING "
          + COLUMNS;

  private final Outbox.Change settleWithEvent;

  PaymentsRepository(Outbox outbox) {
    this.settleWithEvent =
        outbox.change("changed AS (" + SETTLE + ")", "SELECT " + COLUMNS + " FROM changed", 5);
  }

  /** The order's payment: inserted in {@code status} when the order has none, else as it stands. */
  Future<Payment> open(
      SqlClient sql, UUID orderId, PaymentStatus status, long amountMinor, String currency) {
    return sql.preparedQuery(OPEN)
        .execute(Tuple.of(orderId, status.name(), amountMinor, currency))
        .map(rows -> payment(rows.iterator().next()));
  }

  Future<Optional<Payment>> find(SqlClient sql, UUID orderId) {
    return sql.preparedQuery(FIND).execute(Tuple.of(orderId)).map(PaymentsRepository::first);
  }

  /** Moves the payment from {@code from} to {@code to}: the payment then, or empty when it was no longer in {@code from}. */
  Future<Optional<Payment>> settle(
      SqlClient sql,
      UUID orderId,
      PaymentStatus from,
      PaymentStatus to,
      String reference,
      String declineReason) {
    return sql.preparedQuery(SETTLE)
        .execute(settlement(orderId, from, to, reference, declineReason))
        .map(PaymentsRepository::first);
  }

  /** The same, and {@code event} with it when the payment moved, in one statement. */
  Future<Optional<Payment>> settle(
      SqlClient sql,
      UUID orderId,
      PaymentStatus from,
      PaymentStatus to,
      String reference,
      String declineReason,
      String address,
      DomainEvent event) {
    return settleWithEvent
        .run(sql, settlement(orderId, from, to, reference, declineReason), address, event)
        .map(PaymentsRepository::first);
  }

  private static Tuple settlement(
      UUID orderId, PaymentStatus from, PaymentStatus to, String reference, String declineReason) {
    return Tuple.of(orderId, from.name(), to.name(), reference, declineReason);
  }

  private static Optional<Payment> first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(payment(iterator.next())) : Optional.empty();
  }

  private static Payment payment(Row row) {
    return new Payment(
        row.getUUID("order_id"),
        PaymentStatus.valueOf(row.getString("status")),
        row.getLong("amount_minor"),
        row.getString("currency"),
        row.getString("provider_reference"),
        row.getString("decline_reason"),
        row.getOffsetDateTime("updated_at").toInstant());
  }
}
