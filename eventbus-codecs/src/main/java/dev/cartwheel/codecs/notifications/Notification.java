package dev.cartwheel.codecs.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * A message for one user. {@code kind} is one of {@link NotificationKinds}. The order fields are set for
 * notifications about an order ({@code orderStatus} and {@code cancelReason} as the order had them then);
 * {@code readAt} is null until the user marks it read.
 */
public record Notification(
    UUID id,
    UUID userId,
    String kind,
    String title,
    String body,
    UUID orderId,
    String orderStatus,
    String cancelReason,
    Instant createdAt,
    Instant readAt) {}
