package dev.cartwheel.gateway.stream;

import java.util.UUID;

/** Who a live stream belongs to. */
record StreamUser(UUID userId, boolean admin) {}
