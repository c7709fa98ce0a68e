package dev.cartwheel.notifications;

import dev.cartwheel.codecs.notifications.Notification;
import dev.cartwheel.codecs.notifications.NotificationCreated;
import dev.cartwheel.codecs.notifications.NotificationsContract;
import dev.cartwheel.runtime.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

/** SQL of the notifications domain, over its own schema. Every method takes the client to run on. */
final class NotificationsRepository {

  /** Where a user's e-mail goes. */
  record Recipient(String email, String fullName) {}

  private static final String COLUMNS =
      "id, user_id, kind, title, body, order_id, order_status, cancel_reason, created_at, read_at";

  /**
   * The notification, unless its source event has one already. The row comes out of the user's advisory lock,
   * held to the end of the transaction: one user's writes are serialized across instances and nodes, so that
   * seq order is commit order per user.
   */
  private static final String INSERT =
      "INSERT INTO notifications.notifications"
          + " (id, user_id, kind, title, body, order_id, order_status, cancel_reason, source_event_id, created_at)"
          + " SELECT $1::uuid, $2::uuid, $3::text, $4::text, $5::text, $6::uuid, $7::text, $8::text, $9::uuid, $10::timestamptz"
          + " FROM (SELECT pg_advisory_xact_lock(hashtextextended('cartwheel.notifications.' || $2::uuid::text, 0))) AS serialized"
          + " ON CONFLICT (source_event_id) DO NOTHING RETURNING id";

  private static final String PAGE =
      "SELECT "
          + COLUMNS
          + " FROM notifications.notifications WHERE user_id = $1"
          + " ORDER BY seq DESC LIMIT $2 OFFSET $3";
  private static final String COUNT =
      "SELECT count(*) FROM notifications.notifications WHERE user_id = $1";
  private static final String SEQ_OF =
      "SELECT seq FROM notifications.notifications WHERE id = $1 AND user_id = $2";
  private static final String AFTER =
      "SELECT "
          + COLUMNS
          + " FROM notifications.notifications WHERE user_id = $1 AND seq > $2"
          + " ORDER BY seq LIMIT $3";
  private static final String MARK_READ =
      "UPDATE notifications.notifications SET read_at = coalesce(read_at, now())"
          + " WHERE id = $1 AND user_id = $2 RETURNING "
          + COLUMNS;
  private static final String OWNER_OF_ORDER =
      "SELECT user_id FROM notifications.notifications WHERE order_id = $1 LIMIT 1";
  private static final String SAVE_RECIPIENT =
      "INSERT INTO notifications.recipients (user_id, email, full_name) VALUES ($1, $2, $3)"
          + " ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, full_name = excluded.full_name";
  private static final String RECIPIENT =
      "SELECT email, full_name FROM notifications.recipients WHERE user_id = $1";

  private static final String OF_SOURCE =
      "SELECT " + COLUMNS + " FROM notifications.notifications WHERE source_event_id = $1";

  private final Outbox.Change insert;

  NotificationsRepository(Outbox outbox) {
    this.insert = outbox.change("changed AS (" + INSERT + ")", "SELECT id FROM changed", 10);
  }

  /**
   * Stores {@code notification} as the one of {@code sourceEventId}, with its notification-created event, in one
   * statement; false (and nothing written) when that event already has one.
   */
  Future<Boolean> insert(SqlClient sql, UUID sourceEventId, Notification notification) {
    Tuple parameters =
        Tuple.from(
            new Object[] {
              notification.id(),
              notification.userId(),
              notification.kind(),
              notification.title(),
              notification.body(),
              notification.orderId(),
              notification.orderStatus(),
              notification.cancelReason(),
              sourceEventId,
              notification.createdAt().atOffset(ZoneOffset.UTC)
            });
    return insert
        .run(
            sql,
            parameters,
            NotificationsContract.NOTIFICATION_CREATED,
            new NotificationCreated(notification.id(), notification.createdAt(), notification))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<List<Notification>> page(SqlClient sql, UUID userId, int page, int size) {
    return sql.preparedQuery(PAGE)
        .execute(Tuple.of(userId, size, (long) page * size))
        .map(NotificationsRepository::all);
  }

  Future<Long> count(SqlClient sql, UUID userId) {
    return sql.preparedQuery(COUNT)
        .execute(Tuple.of(userId))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The user's notifications after {@code notificationId}, oldest first; empty when that id is not one of theirs. */
  Future<Optional<List<Notification>>> after(
      SqlClient sql, UUID userId, UUID notificationId, int limit) {
    return sql.preparedQuery(SEQ_OF)
        .execute(Tuple.of(notificationId, userId))
        .compose(
            rows ->
                first(rows)
                    .map(
                        row ->
                            sql.preparedQuery(AFTER)
                                .execute(Tuple.of(userId, row.getLong("seq"), limit))
                                .map(NotificationsRepository::all)
                                .map(Optional::of))
                    .orElse(Future.succeededFuture(Optional.empty())));
  }

  Future<Optional<Notification>> markRead(SqlClient sql, UUID userId, UUID notificationId) {
    return sql.preparedQuery(MARK_READ)
        .execute(Tuple.of(notificationId, userId))
        .map(rows -> first(rows).map(NotificationsRepository::notification));
  }

  /** Whose order this is, as far as this domain has heard (from the order's own notifications). */
  Future<Optional<UUID>> ownerOfOrder(SqlClient sql, UUID orderId) {
    return sql.preparedQuery(OWNER_OF_ORDER)
        .execute(Tuple.of(orderId))
        .map(rows -> first(rows).map(row -> row.getUUID("user_id")));
  }

  Future<Void> saveRecipient(SqlClient sql, UUID userId, Recipient recipient) {
    return sql.preparedQuery(SAVE_RECIPIENT)
        .execute(Tuple.of(userId, recipient.email(), recipient.fullName()))
        .mapEmpty();
  }

  /** The notification written for {@code sourceEventId}, if one was. */
  Future<Optional<Notification>> ofSource(SqlClient sql, UUID sourceEventId) {
    return sql.preparedQuery(OF_SOURCE)
        .execute(Tuple.of(sourceEventId))
        .map(rows -> first(rows).map(NotificationsRepository::notification));
  }

  Future<Optional<Recipient>> recipient(SqlClient sql, UUID userId) {
    return sql.preparedQuery(RECIPIENT)
        .execute(Tuple.of(userId))
        .map(
            rows ->
                first(rows)
                    .map(row -> new Recipient(row.getString("email"), row.getString("full_name"))));
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
  }

  private static List<Notification> all(RowSet<Row> rows) {
    return StreamSupport.stream(rows.spliterator(), false)
        .map(NotificationsRepository::notification)
        .toList();
  }

  private static Notification notification(Row row) {
    OffsetDateTime readAt = row.getOffsetDateTime("read_at");
    return new Notification(
        row.getUUID("id"),
        row.getUUID("user_id"),
        row.getString("kind"),
        row.getString("title"),
        row.getString("body"),
        row.getUUID("order_id"),
        row.getString("order_status"),
        row.getString("cancel_reason"),
        row.getOffsetDateTime("created_at").toInstant(),
        readAt == null ? null : readAt.toInstant());
  }
}
