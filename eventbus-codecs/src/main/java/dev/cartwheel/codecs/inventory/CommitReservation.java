package dev.cartwheel.codecs.inventory;

import java.util.UUID;

public record CommitReservation(UUID orderId) {}
