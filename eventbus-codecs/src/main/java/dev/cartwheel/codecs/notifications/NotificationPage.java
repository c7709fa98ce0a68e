package dev.cartwheel.codecs.notifications;

import java.util.List;

public record NotificationPage(List<Notification> items, int page, int size, long total) {

  public NotificationPage {
    items = List.copyOf(items);
  }
}
