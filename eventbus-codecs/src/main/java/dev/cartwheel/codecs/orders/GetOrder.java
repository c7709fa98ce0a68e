package dev.cartwheel.codecs.orders;

import java.util.UUID;

public record GetOrder(UUID orderId, Requester requester) {}
