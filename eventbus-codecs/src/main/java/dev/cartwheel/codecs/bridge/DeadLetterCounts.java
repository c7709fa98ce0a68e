package dev.cartwheel.codecs.bridge;

import java.util.Map;

/** Dead letters waiting for a replay, by reason, and how many were replayed already. */
public record DeadLetterCounts(Map<String, Long> waitingByReason, long replayed) {

  public DeadLetterCounts {
    waitingByReason = waitingByReason == null ? Map.of() : Map.copyOf(waitingByReason);
  }
}
