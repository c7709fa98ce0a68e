package dev.cartwheel.codecs.notifications;

import java.util.UUID;

/**
 * Notify a user with a message of someone else's (a partner's): once per {@code requestId}, however often
 * it is asked.
 */
public record NotifyUser(UUID userId, String title, String body, UUID requestId) {}
