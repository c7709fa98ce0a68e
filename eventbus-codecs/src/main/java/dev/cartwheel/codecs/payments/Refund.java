package dev.cartwheel.codecs.payments;

import java.util.UUID;

public record Refund(UUID orderId, String reason) {}
