package dev.cartwheel.gateway;

import java.util.UUID;

/** Who a live stream belongs to. */
record StreamUser(UUID userId, boolean admin) {}
