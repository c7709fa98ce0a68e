package dev.cartwheel.orders;

import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderPage;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.orders.PricedLine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of the orders domain. Saga updates are guarded by the lease owner: a driver whose lease was taken
 * over (it was too slow, its node froze) finds its update refused and stops.
 */
final class OrdersRepository {

  /** An order as stored, saga state included. */
  record StoredOrder(UUID id, UUID userId, OrderStatus status, String cancelReason, SagaStep step, String cancelRequest,
                     int attempts, long totalMinor, String currency, String paymentToken, String fingerprint,
                     List<PricedLine> lines, Instant createdAt, Instant updatedAt) {

    Order view() {
      return new Order(id, userId, status, cancelReason, lines, totalMinor, currency, createdAt, updatedAt);
    }

    @Override
    public String toString() {
      return "StoredOrder[" + id + ", " + status + ", " + step + "]";
    }
  }

  /** A new order: who, under which key and fingerprint, what, at which prices. */
  record NewOrder(UUID id, UUID userId, String idempotencyKey, String fingerprint, List<PricedLine> lines, long totalMinor,
                  String currency, String paymentToken) {
  }

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COLUMNS = "o.id, o.user_id, o.status, o.cancel_reason, o.step, o.cancel_request, o.attempts, o.total_minor,"
    + " o.currency, o.payment_token, o.request_hash, o.created_at, o.updated_at,"
    + " (SELECT coalesce(json_agg(json_build_array(l.sku, l.quantity, l.unit_price_minor) ORDER BY l.line_no), '[]')::text"
    + " FROM orders.order_lines l WHERE l.order_id = o.id) AS lines";

  private static final String INSERT = "INSERT INTO orders.orders (id, user_id, idempotency_key, request_hash, status, step,"
    + " total_minor, currency, payment_token, lease_owner, lease_until)"
    + " VALUES ($1, $2, $3, $4, 'PENDING', 'RESERVE', $5, $6, $7, $8, now() + make_interval(secs => $9))";
  private static final String INSERT_LINES = "INSERT INTO orders.order_lines (order_id, line_no, sku, quantity, unit_price_minor)"
    + " SELECT $1, n, sku, quantity, price FROM unnest($2::text[], $3::int[], $4::bigint[]) WITH ORDINALITY AS l(sku, quantity, price, n)";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM orders.orders o WHERE o.id = $1";
  private static final String BY_KEY = "SELECT " + COLUMNS + " FROM orders.orders o WHERE o.user_id = $1 AND o.idempotency_key = $2";
  private static final String BY_USER = "SELECT " + COLUMNS + ", count(*) OVER () AS total FROM orders.orders o WHERE o.user_id = $1"
    + " ORDER BY o.created_at DESC, o.id LIMIT $2 OFFSET $3";
  private static final String LEASE = "UPDATE orders.orders SET lease_owner = $2, lease_until = now() + make_interval(secs => $3)"
    + " WHERE id = $1 AND status = 'PENDING' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())";
  private static final String LEASED = "SELECT " + COLUMNS + " FROM orders.orders o WHERE o.id = $1 AND o.lease_owner = $2 AND o.status = 'PENDING'";
  private static final String ADVANCE = "UPDATE orders.orders SET step = $3, attempts = 0, cancel_request = coalesce(cancel_request, $4),"
    + " lease_until = now() + make_interval(secs => $5), updated_at = now() WHERE id = $1 AND lease_owner = $2";
  private static final String RETRY_HERE = "UPDATE orders.orders SET attempts = $3, next_attempt_at = now() + make_interval(secs => $4),"
    + " lease_until = now() + make_interval(secs => $4 + $5), updated_at = now() WHERE id = $1 AND lease_owner = $2";
  private static final String RETRY_LATER = "UPDATE orders.orders SET attempts = $3, next_attempt_at = now() + make_interval(secs => $4),"
    + " lease_owner = NULL, lease_until = NULL, updated_at = now() WHERE id = $1 AND lease_owner = $2";
  private static final String FINISH = "UPDATE orders.orders SET status = $3, cancel_reason = $4, step = 'DONE', lease_owner = NULL,"
    + " lease_until = NULL, updated_at = now() WHERE id = $1 AND lease_owner = $2";
  private static final String REQUEST_CANCEL = "UPDATE orders.orders SET cancel_request = coalesce(cancel_request, $2), next_attempt_at = now(),"
    + " updated_at = now() WHERE id = $1 AND status = 'PENDING' AND step IN ('RESERVE', 'AUTHORIZE')";
  private static final String DUE = "SELECT id FROM orders.orders WHERE status = 'PENDING' AND next_attempt_at <= now()"
    + " AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_attempt_at LIMIT $1";

  /** Fails an order insert whose user already used its idempotency key (the transaction must roll back). */
  static final class KeyAlreadyUsed extends RuntimeException {

    KeyAlreadyUsed() {
      super("idempotency key already used", null, false, false);
    }
  }

  /** Inserts the order, leased to {@code owner}; fails with {@link KeyAlreadyUsed} when the user already used its key. */
  Future<StoredOrder> insert(SqlClient sql, NewOrder order, String owner, Duration lease) {
    Tuple lines = Tuple.tuple()
      .addValue(order.id())
      .addArrayOfString(order.lines().stream().map(PricedLine::sku).toArray(String[]::new))
      .addArrayOfInteger(order.lines().stream().map(PricedLine::quantity).toArray(Integer[]::new))
      .addArrayOfLong(order.lines().stream().map(PricedLine::unitPriceMinor).toArray(Long[]::new));
    return sql.preparedQuery(INSERT)
      .execute(Tuple.of(order.id(), order.userId(), order.idempotencyKey(), order.fingerprint(), order.totalMinor(), order.currency(),
        order.paymentToken(), owner, (double) lease.toSeconds()))
      .compose(inserted -> sql.preparedQuery(INSERT_LINES).execute(lines))
      .compose(inserted -> find(sql, order.id()))
      .map(Optional::orElseThrow)
      .recover(error -> Future.failedFuture(error instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
        && "orders_idempotency".equals(pg.getConstraint()) ? new KeyAlreadyUsed() : error));
  }

  Future<Optional<StoredOrder>> find(SqlClient sql, UUID id) {
    return sql.preparedQuery(BY_ID).execute(Tuple.of(id)).map(OrdersRepository::first);
  }

  Future<Optional<StoredOrder>> findByKey(SqlClient sql, UUID userId, String idempotencyKey) {
    return sql.preparedQuery(BY_KEY).execute(Tuple.of(userId, idempotencyKey)).map(OrdersRepository::first);
  }

  Future<OrderPage> listByUser(SqlClient sql, UUID userId, int page, int size) {
    return sql.preparedQuery(BY_USER).execute(Tuple.of(userId, size, (long) page * size)).map(rows -> {
      List<Order> items = new ArrayList<>();
      long total = 0;
      for (Row row : rows) {
        items.add(order(row).view());
        total = row.getLong("total");
      }
      return new OrderPage(items, page, size, total);
    });
  }

  /** Takes the saga of a PENDING order that is due and that no live driver holds; empty when it cannot. */
  Future<Optional<StoredOrder>> lease(SqlClient sql, UUID id, String owner, Duration lease) {
    return sql.preparedQuery(LEASE).execute(Tuple.of(id, owner, (double) lease.toSeconds()))
      .compose(updated -> updated.rowCount() == 1 ? leased(sql, id, owner) : Future.succeededFuture(Optional.empty()));
  }

  /** The order, if {@code owner} still holds its saga. */
  Future<Optional<StoredOrder>> leased(SqlClient sql, UUID id, String owner) {
    return sql.preparedQuery(LEASED).execute(Tuple.of(id, owner)).map(OrdersRepository::first);
  }

  /** Moves the saga to {@code step} (recording why, if it starts compensating); false if the lease was lost. */
  Future<Boolean> advance(SqlClient sql, UUID id, String owner, SagaStep step, String compensationReason, Duration lease) {
    return sql.preparedQuery(ADVANCE).execute(Tuple.of(id, owner, step.name(), compensationReason, (double) lease.toSeconds()))
      .map(updated -> updated.rowCount() == 1);
  }

  /** Records a failed try that this driver retries after {@code delay}, keeping the lease; false if the lease was lost. */
  Future<Boolean> retryHere(SqlClient sql, UUID id, String owner, int attempts, Duration delay, Duration lease) {
    return sql.preparedQuery(RETRY_HERE).execute(Tuple.of(id, owner, attempts, delay.toMillis() / 1000.0, (double) lease.toSeconds()))
      .map(updated -> updated.rowCount() == 1);
  }

  /** Records a failed try and hands the saga over to the recovery pass, due after {@code delay}. */
  Future<Boolean> retryLater(SqlClient sql, UUID id, String owner, int attempts, Duration delay) {
    return sql.preparedQuery(RETRY_LATER).execute(Tuple.of(id, owner, attempts, delay.toMillis() / 1000.0))
      .map(updated -> updated.rowCount() == 1);
  }

  Future<Boolean> finish(SqlClient sql, UUID id, String owner, OrderStatus status, String cancelReason) {
    return sql.preparedQuery(FINISH).execute(Tuple.of(id, owner, status.name(), cancelReason)).map(updated -> updated.rowCount() == 1);
  }

  /** Asks the saga to stop and compensate at its next step; false when it is past the point where that is allowed. */
  Future<Boolean> requestCancel(SqlClient sql, UUID id, String reason) {
    return sql.preparedQuery(REQUEST_CANCEL).execute(Tuple.of(id, reason)).map(updated -> updated.rowCount() == 1);
  }

  /** PENDING orders whose next try is due and that no live driver holds. */
  Future<List<UUID>> due(SqlClient sql, int limit) {
    return sql.preparedQuery(DUE).execute(Tuple.of(limit)).map(rows -> {
      List<UUID> ids = new ArrayList<>();
      rows.forEach(row -> ids.add(row.getUUID("id")));
      return ids;
    });
  }

  private static Optional<StoredOrder> first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(order(iterator.next())) : Optional.empty();
  }

  private static StoredOrder order(Row row) {
    List<PricedLine> lines = new ArrayList<>();
    new JsonArray(row.getString("lines")).forEach(line -> {
      JsonArray values = (JsonArray) line;
      lines.add(new PricedLine(values.getString(0), values.getInteger(1), values.getLong(2)));
    });
    return new StoredOrder(row.getUUID("id"), row.getUUID("user_id"), OrderStatus.valueOf(row.getString("status")),
      row.getString("cancel_reason"), SagaStep.valueOf(row.getString("step")), row.getString("cancel_request"),
      row.getInteger("attempts"), row.getLong("total_minor"), row.getString("currency"), row.getString("payment_token"),
      row.getString("request_hash"), lines, row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
  }
}
