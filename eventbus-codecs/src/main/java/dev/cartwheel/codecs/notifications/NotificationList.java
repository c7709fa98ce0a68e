package dev.cartwheel.codecs.notifications;

import java.util.List;

/** Notifications in feed order (oldest first). */
public record NotificationList(List<Notification> items) {

  public NotificationList {
    items = List.copyOf(items);
  }
}
