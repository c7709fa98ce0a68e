package dev.cartwheel.orders;

import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderPage;
import dev.cartwheel.codecs.orders.OrderPlaced;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.orders.PricedLine;
import dev.cartwheel.runtime.db.StoredTime;
import dev.cartwheel.runtime.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * SQL of the orders domain. Saga updates are guarded by the lease owner: a driver whose lease was taken
 * over (it was too slow, its node froze) finds its update refused and stops.
 */
final class OrdersRepository {

  /** An order as stored, saga state included. */
  record StoredOrder(
      UUID id,
      UUID userId,
      OrderStatus status,
      String cancelReason,
      SagaStep step,
      String cancelRequest,
      int attempts,
      long totalMinor,
      String currency,
      String paymentToken,
      String fingerprint,
      List<PricedLine> lines,
      Instant createdAt,
      Instant updatedAt) {

    Order view() {
      return new Order(
          id, userId, status, cancelReason, lines, totalMinor, currency, createdAt, updatedAt);
    }

    @Override
    public String toString() {
      return "StoredOrder[" + id + ", " + status + ", " + step + "]";
    }
  }

  /** A new order: who, under which key and fingerprint, what, at which prices. */
  record NewOrder(
      UUID id,
      UUID userId,
      String idempotencyKey,
      String fingerprint,
      List<PricedLine> lines,
      long totalMinor,
      String currency,
      String paymentToken) {

    /** The order as {@link #insert} stores it, at the start of its saga. */
    StoredOrder pending(Instant createdAt) {
      return new StoredOrder(
          id,
          userId,
          OrderStatus.PENDING,
          null,
          SagaStep.RESERVE,
          null,
          0,
          totalMinor,
          currency,
          paymentToken,
          fingerprint,
          lines,
          createdAt,
          createdAt);
    }
  }

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COLUMNS =
      "o.id, o.user_id, o.status, o.cancel_reason, o.step, o.cancel_request, o.attempts, o.total_minor,"
          + " o.currency, o.payment_token, o.request_hash, o.created_at, o.updated_at,"
          + " (SELECT coalesce(json_agg(json_build_array(l.sku, l.quantity, l.unit_price_minor) ORDER BY l.line_no), '[]')::text"
          + " FROM orders.order_lines l WHERE l.order_id = o.id) AS lines";

  private static final String INSERT =
      "INSERT INTO orders.orders (id, user_id, idempotency_key, request_hash, status, step,"
          + " total_minor, currency, payment_token, lease_owner, lease_until, created_at, updated_at)"
          + " VALUES ($1, $2, $3, $4, 'PENDING', 'RESERVE', $5, $6, $7, $8, now() + make_interval(secs => $9), $10, $10) RETURNING id";
  private static final String INSERT_LINES =
      "INSERT INTO orders.order_lines (order_id, line_no, sku, quantity, unit_price_minor)"
          + " SELECT $1, n, sku, quantity, price FROM unnest($11::text[], $12::int[], $13::bigint[]) WITH ORDINALITY AS l(sku, quantity, price, n)";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM orders.orders o WHERE o.id = $1";
  private static final String BY_KEY =
      "SELECT " + COLUMNS + " FROM orders.orders o WHERE o.user_id = $1 AND o.idempotency_key = $2";
  private static final String BY_USER =
      "SELECT "
          + COLUMNS
          + ", count(*) OVER () AS total FROM orders.orders o WHERE o.user_id = $1"
          + " ORDER BY o.created_at DESC, o.id LIMIT $2 OFFSET $3";
  private static final String LEASE =
      "UPDATE orders.orders SET lease_owner = $2, lease_until = now() + make_interval(secs => $3)"
          + " WHERE id = $1 AND status = 'PENDING' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())";
  private static final String LEASED =
      "SELECT "
          + COLUMNS
          + " FROM orders.orders o WHERE o.id = $1 AND o.lease_owner = $2 AND o.status = 'PENDING'";
  private static final String ADVANCE =
      "UPDATE orders.orders SET step = $3, attempts = 0, cancel_request = coalesce(cancel_request, $4),"
          + " lease_until = now() + make_interval(secs => $5), updated_at = $6 WHERE id = $1 AND lease_owner = $2 RETURNING cancel_request";
  private static final String RETRY_HERE =
      "UPDATE orders.orders SET attempts = $3, next_attempt_at = now() + make_interval(secs => $4),"
          + " lease_until = now() + make_interval(secs => $4 + $5), updated_at = $6 WHERE id = $1 AND lease_owner = $2";
  private static final String RETRY_LATER =
      "UPDATE orders.orders SET attempts = $3, next_attempt_at = now() + make_interval(secs => $4),"
          + " lease_owner = NULL, lease_until = NULL, updated_at = $5 WHERE id = $1 AND lease_owner = $2";
  private static final String FINISH =
      "UPDATE orders.orders SET status = $3, cancel_reason = $4, step = 'DONE', lease_owner = NULL,"
          + " lease_until = NULL, updated_at = $5 WHERE id = $1 AND lease_owner = $2 RETURNING id";
  private static final String REQUEST_CANCEL =
      "UPDATE orders.orders SET cancel_request = coalesce(cancel_request, $2), next_attempt_at = now(),"
          + " updated_at = $3 WHERE id = $1 AND status = 'PENDING' AND step IN ('RESERVE', 'AUTHORIZE')";
  private static final String DUE =
      "SELECT id FROM orders.orders WHERE status = 'PENDING' AND next_attempt_at <= now()"
          + " AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_attempt_at LIMIT $1";

  /** Fails an order insert whose user already used its idempotency key (the transaction must roll back). */
  static final class KeyAlreadyUsed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KeyAlreadyUsed() {
      super("idempotency key already used", null, false, false);
    }
  }

  private final Outbox.Change place;
  private final Outbox.Change finish;

  OrdersRepository(Outbox outbox) {
    this.place =
        outbox.change(
            "changed AS (" + INSERT + "), lines AS (" + INSERT_LINES + ")",
            "SELECT id FROM changed",
            13);
    this.finish = outbox.change("changed AS (" + FINISH + ")", "SELECT id FROM changed", 5);
  }

  /**
   * Inserts the order PENDING, leased to {@code owner}, with its lines and {@code placed}, in one statement;
   * fails with {@link KeyAlreadyUsed} when the user already used its key.
   */
  Future<Void> insert(
      SqlClient sql,
      NewOrder order,
      Instant createdAt,
      String owner,
      Duration lease,
      OrderPlaced placed) {
    Tuple parameters =
        Tuple.of(
                order.id(),
                order.userId(),
                order.idempotencyKey(),
                order.fingerprint(),
                order.totalMinor(),
                order.currency(),
                order.paymentToken(),
                owner,
                (double) lease.toSeconds(),
                createdAt.atOffset(ZoneOffset.UTC))
            .addArrayOfString(order.lines().stream().map(PricedLine::sku).toArray(String[]::new))
            .addArrayOfInteger(
                order.lines().stream().map(PricedLine::quantity).toArray(Integer[]::new))
            .addArrayOfLong(
                order.lines().stream().map(PricedLine::unitPriceMinor).toArray(Long[]::new));
    return place
        .run(sql, parameters, OrdersContract.ORDER_PLACED, placed)
        .<Void>mapEmpty()
        .recover(
            error ->
                Future.failedFuture(
                    error instanceof PgException pg
                            && UNIQUE_VIOLATION.equals(pg.getSqlState())
                            && "orders_idempotency".equals(pg.getConstraint())
                        ? new KeyAlreadyUsed()
                        : error));
  }

  Future<Optional<StoredOrder>> find(SqlClient sql, UUID id) {
    return sql.preparedQuery(BY_ID).execute(Tuple.of(id)).map(OrdersRepository::first);
  }

  Future<Optional<StoredOrder>> findByKey(SqlClient sql, UUID userId, String idempotencyKey) {
    return sql.preparedQuery(BY_KEY)
        .execute(Tuple.of(userId, idempotencyKey))
        .map(OrdersRepository::first);
  }

  Future<OrderPage> listByUser(SqlClient sql, UUID userId, int page, int size) {
    return sql.preparedQuery(BY_USER)
        .execute(Tuple.of(userId, size, (long) page * size))
        .map(
            rows -> {
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
    return sql.preparedQuery(LEASE)
        .execute(Tuple.of(id, owner, (double) lease.toSeconds()))
        .compose(
            updated ->
                updated.rowCount() == 1
                    ? leased(sql, id, owner)
                    : Future.succeededFuture(Optional.empty()));
  }

  /** The order, if {@code owner} still holds its saga. */
  Future<Optional<StoredOrder>> leased(SqlClient sql, UUID id, String owner) {
    return sql.preparedQuery(LEASED).execute(Tuple.of(id, owner)).map(OrdersRepository::first);
  }

  /**
   * Moves the saga of {@code order} to {@code step} (recording why, if it starts compensating); the order as it
   * then stands, or empty if the lease was lost. Nothing else changes an order its driver leases but a
   * cancellation request, which the update returns.
   */
  Future<Optional<StoredOrder>> advance(
      SqlClient sql,
      StoredOrder order,
      String owner,
      SagaStep step,
      String compensationReason,
      Duration lease) {
    Instant now = StoredTime.now();
    return sql.preparedQuery(ADVANCE)
        .execute(
            Tuple.of(
                order.id(),
                owner,
                step.name(),
                compensationReason,
                (double) lease.toSeconds(),
                now.atOffset(ZoneOffset.UTC)))
        .map(
            updated ->
                first(
                    updated,
                    row ->
                        new StoredOrder(
                            order.id(),
                            order.userId(),
                            order.status(),
                            order.cancelReason(),
                            step,
                            row.getString("cancel_request"),
                            0,
                            order.totalMinor(),
                            order.currency(),
                            order.paymentToken(),
                            order.fingerprint(),
                            order.lines(),
                            order.createdAt(),
                            now)));
  }

  /** Records a failed try that this driver retries after {@code delay}, keeping the lease; false if the lease was lost. */
  Future<Boolean> retryHere(
      SqlClient sql, UUID id, String owner, int attempts, Duration delay, Duration lease) {
    return sql.preparedQuery(RETRY_HERE)
        .execute(
            Tuple.of(
                id,
                owner,
                attempts,
                delay.toMillis() / 1000.0,
                (double) lease.toSeconds(),
                StoredTime.now().atOffset(ZoneOffset.UTC)))
        .map(updated -> updated.rowCount() == 1);
  }

  /** Records a failed try and hands the saga over to the recovery pass, due after {@code delay}. */
  Future<Boolean> retryLater(SqlClient sql, UUID id, String owner, int attempts, Duration delay) {
    return sql.preparedQuery(RETRY_LATER)
        .execute(
            Tuple.of(
                id,
                owner,
                attempts,
                delay.toMillis() / 1000.0,
                StoredTime.now().atOffset(ZoneOffset.UTC)))
        .map(updated -> updated.rowCount() == 1);
  }

  /**
   * Ends the saga: the order final as {@code ended} says, with its event, in one statement; false (and no event)
   * if the lease was lost.
   */
  Future<Boolean> finish(
      SqlClient sql, String owner, Order ended, String address, DomainEvent event) {
    Tuple parameters =
        Tuple.of(
            ended.id(),
            owner,
            ended.status().name(),
            ended.cancelReason(),
            ended.updatedAt().atOffset(ZoneOffset.UTC));
    return finish.run(sql, parameters, address, event).map(updated -> updated.rowCount() == 1);
  }

  /** Asks the saga to stop and compensate at its next step; false when it is past the point where that is allowed. */
  Future<Boolean> requestCancel(SqlClient sql, UUID id, String reason) {
    return sql.preparedQuery(REQUEST_CANCEL)
        .execute(Tuple.of(id, reason, StoredTime.now().atOffset(ZoneOffset.UTC)))
        .map(updated -> updated.rowCount() == 1);
  }

  /** PENDING orders whose next try is due and that no live driver holds. */
  Future<List<UUID>> due(SqlClient sql, int limit) {
    return sql.preparedQuery(DUE)
        .execute(Tuple.of(limit))
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              rows.forEach(row -> ids.add(row.getUUID("id")));
              return ids;
            });
  }

  private static Optional<StoredOrder> first(RowSet<Row> rows) {
    return first(rows, OrdersRepository::order);
  }

  private static Optional<StoredOrder> first(RowSet<Row> rows, Function<Row, StoredOrder> mapper) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(mapper.apply(iterator.next())) : Optional.empty();
  }

  private static StoredOrder order(Row row) {
    List<PricedLine> lines = new ArrayList<>();
    new JsonArray(row.getString("lines"))
        .forEach(
            line -> {
              JsonArray values = (JsonArray) line;
              lines.add(
                  new PricedLine(values.getString(0), values.getInteger(1), values.getLong(2)));
            });
    return new StoredOrder(
        row.getUUID("id"),
        row.getUUID("user_id"),
        OrderStatus.valueOf(row.getString("status")),
        row.getString("cancel_reason"),
        SagaStep.valueOf(row.getString("step")),
        row.getString("cancel_request"),
        row.getInteger("attempts"),
        row.getLong("total_minor"),
        row.getString("currency"),
        row.getString("payment_token"),
        row.getString("request_hash"),
        lines,
        row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("updated_at").toInstant());
  }
}
