package dev.cartwheel.codecs.inventory;

import java.util.UUID;

public record ReleaseReservation(UUID orderId, String reason) {}
