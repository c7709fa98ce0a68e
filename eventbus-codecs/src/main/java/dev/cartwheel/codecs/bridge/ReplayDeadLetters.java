package dev.cartwheel.codecs.bridge;

/**
 * Asks the bridge to replay up to {@code limit} dead letters: see {@link BridgeContract#REPLAY_DEAD_LETTERS}.
 *
 * @param reason only dead letters of this reason; null for all
 */
public record ReplayDeadLetters(String reason, int limit) {}
