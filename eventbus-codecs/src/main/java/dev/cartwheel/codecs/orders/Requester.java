package dev.cartwheel.codecs.orders;

import java.util.UUID;

/** Who asks: a user sees only their own orders; an admin sees all. */
public record Requester(UUID userId, boolean admin) {}
