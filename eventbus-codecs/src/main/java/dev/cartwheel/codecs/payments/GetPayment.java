package dev.cartwheel.codecs.payments;

import java.util.UUID;

public record GetPayment(UUID orderId) {}
