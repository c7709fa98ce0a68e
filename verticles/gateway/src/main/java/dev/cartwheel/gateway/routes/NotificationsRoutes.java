package dev.cartwheel.gateway.routes;

import dev.cartwheel.codecs.notifications.ListNotifications;
import dev.cartwheel.codecs.notifications.MarkRead;
import dev.cartwheel.codecs.notifications.Notification;
import dev.cartwheel.codecs.notifications.NotificationPage;
import dev.cartwheel.codecs.notifications.NotificationsContract;
import dev.cartwheel.gateway.domains.DomainClient;
import dev.cartwheel.gateway.security.Access;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** HTTP ↔ notifications: the caller's own, never anyone else's. */
final class NotificationsRoutes {

  private final DomainClient domains;

  NotificationsRoutes(DomainClient domains) {
    this.domains = domains;
  }

  void list(RoutingContext rc) {
    UUID userId = Access.userId(rc);
    if (userId == null) {
      return;
    }
    Paging paging = Paging.of(rc);
    domains
        .<NotificationPage>request(
            NotificationsContract.DOMAIN,
            NotificationsContract.LIST,
            new ListNotifications(userId, paging.page(), paging.size()),
            rc)
        .onSuccess(page -> rc.json(Representations.notifications(page)))
        .onFailure(rc::fail);
  }

  void markRead(RoutingContext rc) {
    UUID userId = Access.userId(rc);
    if (userId == null) {
      return;
    }
    domains
        .<Notification>request(
            NotificationsContract.DOMAIN,
            NotificationsContract.MARK_READ,
            new MarkRead(userId, UUID.fromString(rc.pathParam("id"))),
            rc)
        .onSuccess(notification -> rc.json(Representations.notification(notification)))
        .onFailure(rc::fail);
  }
}
