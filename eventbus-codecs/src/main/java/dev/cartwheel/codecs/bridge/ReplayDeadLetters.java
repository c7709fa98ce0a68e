package dev.cartwheel.codecs.bridge;

/** @param reason only dead letters of this reason; null for all */
public record ReplayDeadLetters(String reason, int limit) {
}
