package dev.cartwheel.codecs.bridge;

import java.util.List;

/** The Kafka bridge on the event bus: what operators ask of its dead letters. */
public final class BridgeContract {

  public static final String DOMAIN = "bridge";

  /** {@link CountDeadLetters} → {@link DeadLetterCounts}. */
  public static final String COUNT_DEAD_LETTERS = "bridge.cmd.count-dead-letters";

  /**
   * {@link ReplayDeadLetters} → {@link ReplayResult}: sends dead letters not replayed yet (of one reason, or
   * all), oldest first, back to the topic they came from, where the bridge takes them again.
   */
  public static final String REPLAY_DEAD_LETTERS = "bridge.cmd.replay-dead-letters";

  public static final List<Class<? extends Record>> MESSAGES =
      List.of(
          CountDeadLetters.class,
          DeadLetterCounts.class,
          ReplayDeadLetters.class,
          ReplayResult.class);

  private BridgeContract() {}
}
