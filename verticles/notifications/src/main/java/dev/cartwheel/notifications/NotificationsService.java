package dev.cartwheel.notifications;

import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.notifications.ListNotifications;
import dev.cartwheel.codecs.notifications.MarkRead;
import dev.cartwheel.codecs.notifications.Notification;
import dev.cartwheel.codecs.notifications.NotificationKinds;
import dev.cartwheel.codecs.notifications.NotificationList;
import dev.cartwheel.codecs.notifications.NotificationPage;
import dev.cartwheel.codecs.notifications.NotificationsAfter;
import dev.cartwheel.codecs.notifications.NotificationsError;
import dev.cartwheel.codecs.notifications.NotifyUser;
import dev.cartwheel.codecs.orders.OrderCancelled;
import dev.cartwheel.codecs.orders.OrderConfirmed;
import dev.cartwheel.codecs.orders.OrderPlaced;
import dev.cartwheel.codecs.payments.PaymentRefunded;
import dev.cartwheel.codecs.users.UserRegistered;
import dev.cartwheel.notifications.Drafts.Draft;
import dev.cartwheel.notifications.NotificationsRepository.Recipient;
import dev.cartwheel.runtime.db.StoredTime;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the other domains' events into notifications and answers the users' questions about theirs.
 * Writing one is idempotent on the source event id; it stores the notification and its
 * notification-created event in one transaction, then tries the channels.
 */
final class NotificationsService {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationsService.class);

  private final Pool pool;
  private final NotificationsRepository repository;
  private final Runnable nudgeRelay;
  private final List<NotificationChannel> channels;

  /** One user's events are written one at a time, in the order they arrived. */
  private final KeyedQueue queue = new KeyedQueue();

  private final Retries retries;

  private static final int MAX_TITLE = 200;
  private static final int MAX_BODY = 2000;

  NotificationsService(
      Pool pool,
      NotificationsRepository repository,
      Runnable nudgeRelay,
      List<NotificationChannel> channels,
      Retries retries) {
    this.pool = pool;
    this.repository = repository;
    this.nudgeRelay = nudgeRelay;
    this.channels = List.copyOf(channels);
    this.retries = retries;
  }

  Future<?> onUserRegistered(Message<UserRegistered> message) {
    UserRegistered event = message.body();
    Recipient recipient = new Recipient(event.user().email(), event.user().fullName());
    return queue
        .run(
            event.user().id(),
            () ->
                retries.run(
                    () ->
                        pool.withTransaction(
                            tx ->
                                repository
                                    .saveRecipient(tx, event.user().id(), recipient)
                                    .compose(
                                        saved ->
                                            write(
                                                tx,
                                                event.eventId(),
                                                Drafts.welcome(event.user()))))))
        .compose(this::announce);
  }

  Future<?> onOrderPlaced(Message<OrderPlaced> message) {
    return store(message.body(), Drafts.placed(message.body().order()));
  }

  Future<?> onOrderConfirmed(Message<OrderConfirmed> message) {
    return store(message.body(), Drafts.confirmed(message.body().order()));
  }

  Future<?> onOrderCancelled(Message<OrderCancelled> message) {
    return store(message.body(), Drafts.cancelled(message.body().order()));
  }

  /** A refund names only the order: its owner is known from the order's earlier notifications. */
  Future<?> onPaymentRefunded(Message<PaymentRefunded> message) {
    PaymentRefunded event = message.body();
    return retries
        .run(
            () ->
                repository
                    .ownerOfOrder(pool, event.orderId())
                    .compose(
                        owner ->
                            owner
                                .map(Future::succeededFuture)
                                .orElseGet(
                                    () ->
                                        Future.failedFuture(
                                            "no owner is known for order "
                                                + event.orderId()
                                                + " (its order events were not seen yet)"))))
        .compose(userId -> store(event, Drafts.refunded(userId, event)));
  }

  /**
   * A partner's message to one of our users, written once per request id: asked again, it answers the
   * notification it wrote the first time.
   */
  Future<Notification> notifyUser(NotifyUser command) {
    List<FieldError> invalid = new ArrayList<>();
    checkText(invalid, "title", command.title(), MAX_TITLE);
    checkText(invalid, "body", command.body(), MAX_BODY);
    if (command.userId() == null) {
      invalid.add(new FieldError("userId", "is required"));
    }
    if (command.requestId() == null) {
      invalid.add(new FieldError("requestId", "is required"));
    }
    if (!invalid.isEmpty()) {
      return Future.failedFuture(DomainFailure.invalid(invalid));
    }
    Draft draft =
        new Draft(
            command.userId(),
            NotificationKinds.PARTNER_MESSAGE,
            command.title(),
            command.body(),
            null,
            null,
            null);
    return repository
        .recipient(pool, command.userId())
        .compose(
            recipient ->
                recipient.isPresent()
                    ? queue
                        .run(
                            draft.userId(),
                            () -> retries.run(() -> write(pool, command.requestId(), draft)))
                        .compose(this::announce)
                    : Future.failedFuture(
                        DomainFailure.of(
                            NotificationsError.RECIPIENT_NOT_FOUND,
                            "No user " + command.userId() + " is known to notifications.")))
        .compose(
            written ->
                written
                    .map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            repository
                                .ofSource(pool, command.requestId())
                                .map(Optional::orElseThrow)));
  }

  private static void checkText(List<FieldError> invalid, String field, String text, int max) {
    if (text == null || text.isBlank()) {
      invalid.add(new FieldError(field, "is required"));
    } else if (text.length() > max) {
      invalid.add(new FieldError(field, "must be at most " + max + " characters"));
    }
  }

  Future<NotificationPage> list(ListNotifications query) {
    return repository
        .page(pool, query.userId(), query.page(), query.size())
        .compose(
            items ->
                repository
                    .count(pool, query.userId())
                    .map(total -> new NotificationPage(items, query.page(), query.size(), total)));
  }

  Future<NotificationList> after(NotificationsAfter query) {
    return repository
        .after(pool, query.userId(), query.notificationId(), query.limit())
        .compose(
            found ->
                found
                    .map(items -> Future.succeededFuture(new NotificationList(items)))
                    .orElseGet(() -> Future.failedFuture(notFound())));
  }

  Future<Notification> markRead(MarkRead command) {
    return repository
        .markRead(pool, command.userId(), command.notificationId())
        .compose(
            found ->
                found
                    .map(Future::succeededFuture)
                    .orElseGet(() -> Future.failedFuture(notFound())));
  }

  private Future<Optional<Notification>> store(DomainEvent event, Draft draft) {
    return queue
        .run(draft.userId(), () -> retries.run(() -> write(pool, event.eventId(), draft)))
        .compose(this::announce);
  }

  /** The draft as a new notification with its event, unless its source (an event, a request) has one already (then empty). */
  private Future<Optional<Notification>> write(SqlClient sql, UUID sourceId, Draft draft) {
    Notification notification =
        new Notification(
            UUID.randomUUID(),
            draft.userId(),
            draft.kind(),
            draft.title(),
            draft.body(),
            draft.orderId(),
            draft.orderStatus(),
            draft.cancelReason(),
            StoredTime.now(),
            null);
    return repository
        .insert(sql, sourceId, notification)
        .map(stored -> stored ? Optional.of(notification) : Optional.empty());
  }

  /** After the commit: wake the relay (live sessions), then each channel, whose failure only gets logged. */
  private Future<Optional<Notification>> announce(Optional<Notification> stored) {
    stored.ifPresent(
        notification -> {
          nudgeRelay.run();
          channels.forEach(
              channel ->
                  channel
                      .deliver(notification)
                      .onFailure(
                          error ->
                              LOG.warn(
                                  "Notification {} was not sent by {}: {}",
                                  notification.id(),
                                  channel.name(),
                                  error.getMessage())));
        });
    return Future.succeededFuture(stored);
  }

  private static DomainFailure notFound() {
    return DomainFailure.of(NotificationsError.NOTIFICATION_NOT_FOUND, "No such notification.");
  }
}
