package dev.cartwheel.notifications;

import dev.cartwheel.codecs.notifications.Notification;
import io.vertx.core.Future;

/**
 * A way to reach a user outside the platform (e-mail, later SMS or push). Channels are tried after the
 * notification was stored, at most once each: a channel that fails is logged and does not undo anything.
 * Live WebSocket sessions are not a channel: they hear the notification-created event from the outbox.
 */
interface NotificationChannel {

  String name();

  Future<Void> deliver(Notification notification);

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
