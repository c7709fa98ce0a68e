package dev.cartwheel.codecs.notifications;

import java.util.UUID;

/** At most {@code limit} of the user's notifications created after {@code notificationId}, oldest first. */
public record NotificationsAfter(UUID userId, UUID notificationId, int limit) {}
