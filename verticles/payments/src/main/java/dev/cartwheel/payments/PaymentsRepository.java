package dev.cartwheel.payments;

import dev.cartwheel.codecs.payments.Payment;
import dev.cartwheel.codecs.payments.PaymentStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;
import java.util.UUID;

/** SQL of the payments domain. Status changes are compare-and-set: they say whether they happened. */
final class PaymentsRepository {

  private static final String COLUMNS = "order_id, status, amount_minor, currency, provider_reference, decline_reason, updated_at";
  private static final String INSERT = "INSERT INTO payments.payments (order_id, status, amount_minor, currency)"
    + " VALUES ($1, $2, $3, $4) ON CONFLICT (order_id) DO NOTHING";
  private static final String FIND = "SELECT " + COLUMNS + " FROM payments.payments WHERE order_id = $1";
  private static final String SETTLE = "UPDATE payments.payments SET status = $3, provider_reference = coalesce($4, provider_reference),"
    + " decline_reason = $5, updated_at = now() WHERE order_id = $1 AND status = $2";

  /** Inserts the payment in {@code status} unless the order has one; true when this call created it. */
  Future<Boolean> insert(SqlClient sql, UUID orderId, PaymentStatus status, long amountMinor, String currency) {
    return sql.preparedQuery(INSERT).execute(Tuple.of(orderId, status.name(), amountMinor, currency)).map(result -> result.rowCount() == 1);
  }

  Future<Optional<Payment>> find(SqlClient sql, UUID orderId) {
    return sql.preparedQuery(FIND).execute(Tuple.of(orderId)).map(rows -> {
      var iterator = rows.iterator();
      return iterator.hasNext() ? Optional.of(payment(iterator.next())) : Optional.empty();
    });
  }

  /** Moves the payment from {@code from} to {@code to}; false when it was no longer in {@code from}. */
  Future<Boolean> settle(SqlClient sql, UUID orderId, PaymentStatus from, PaymentStatus to, String reference, String declineReason) {
    return sql.preparedQuery(SETTLE).execute(Tuple.of(orderId, from.name(), to.name(), reference, declineReason))
      .map(result -> result.rowCount() == 1);
  }

  private static Payment payment(Row row) {
    return new Payment(row.getUUID("order_id"), PaymentStatus.valueOf(row.getString("status")), row.getLong("amount_minor"),
      row.getString("currency"), row.getString("provider_reference"), row.getString("decline_reason"),
      row.getOffsetDateTime("updated_at").toInstant());
  }
}
