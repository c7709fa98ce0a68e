package dev.cartwheel.codecs.orders;

import java.util.UUID;

public record CancelOrder(UUID orderId, Requester requester) {}
