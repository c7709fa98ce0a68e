package dev.cartwheel.codecs.notifications;

import dev.cartwheel.codecs.DomainEvent;
import java.util.List;
import java.util.Map;

/**
 * The notifications domain on the event bus: each user's feed of notifications, written from the events
 * of the other domains. A notification's id is also the id of the event that announces it, so a client
 * that saw one can ask for everything after it.
 */
public final class NotificationsContract {

  public static final String DOMAIN = "notifications";

  /** {@link ListNotifications} → {@link NotificationPage}: the user's notifications, newest first. */
  public static final String LIST = "notifications.cmd.list";

  /** {@link MarkRead} → {@link Notification} (read); NOTIFICATION_NOT_FOUND, also for someone else's. Idempotent. */
  public static final String MARK_READ = "notifications.cmd.mark-read";

  /**
   * {@link NotificationsAfter} → {@link NotificationList}: the user's notifications created after the given
   * one, oldest first (what a reconnecting client missed); NOTIFICATION_NOT_FOUND for an id that is not theirs.
   */
  public static final String AFTER = "notifications.cmd.after";

  /**
   * {@link NotifyUser} → {@link Notification} (of kind {@code partner-message}): the same one for a request id
   * asked again; RECIPIENT_NOT_FOUND for a user this domain has not heard of, VALIDATION_FAILED for an empty or
   * too long title (200) or body (2000).
   */
  public static final String NOTIFY = "notifications.cmd.notify";

  public static final String NOTIFICATION_CREATED = "notifications.evt.notification-created";

  public static final Map<String, Class<? extends DomainEvent>> EVENTS =
      Map.of(NOTIFICATION_CREATED, NotificationCreated.class);

  public static final List<Class<? extends Record>> MESSAGES =
      List.of(
          ListNotifications.class,
          MarkRead.class,
          NotificationsAfter.class,
          NotifyUser.class,
          Notification.class,
          NotificationPage.class,
          NotificationList.class,
          NotificationCreated.class);

  private NotificationsContract() {}
}
