package dev.cartwheel.codecs.notifications;

import java.util.UUID;

/** A page of one user's notifications, newest first. Pages start at 0. */
public record ListNotifications(UUID userId, int page, int size) {}
