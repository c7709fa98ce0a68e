package dev.cartwheel.codecs.notifications;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** A notification was stored for its user; {@code eventId} is the notification's id. */
public record NotificationCreated(UUID eventId, Instant occurredAt, Notification notification)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return notification.userId().toString();
  }
}
