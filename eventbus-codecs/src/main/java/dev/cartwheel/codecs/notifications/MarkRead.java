package dev.cartwheel.codecs.notifications;

import java.util.UUID;

public record MarkRead(UUID userId, UUID notificationId) {}
