package dev.cartwheel.codecs.orders;

import java.util.UUID;

/** A page of one user's orders, newest first. Pages start at 0. */
public record ListOrders(UUID userId, int page, int size) {}
