package dev.cartwheel.codecs.bridge;

import java.util.List;

/**
 * The Kafka bridge: the CloudEvent types outside producers may send it, and what operators ask of its dead
 * letters on the event bus.
 */
public final class BridgeContract {

  public static final String DOMAIN = "bridge";

  /** {@link CountDeadLetters} → {@link DeadLetterCounts}. */
  public static final String COUNT_DEAD_LETTERS = "bridge.cmd.count-dead-letters";

  /**
   * {@link ReplayDeadLetters} → {@link ReplayResult}: sends dead letters not replayed yet (of one reason, or
   * all), oldest first, back to the topic they came from, where the bridge takes them again.
   */
  public static final String REPLAY_DEAD_LETTERS = "bridge.cmd.replay-dead-letters";

  /** A warehouse received stock. Data: {@code {"sku": "CW-MUG-01", "quantity": 24}}. */
  public static final String RESTOCK_TYPE = "dev.cartwheel.warehouse.restock.v1";

  /**
   * A partner channel took an order for one of our customers. Data: {@code {"customerId": uuid,
   * "partnerOrderId": "...", "lines": [{"sku": "...", "quantity": 1}], "paymentToken": "tok_..."}}.
   */
  public static final String PARTNER_ORDER_TYPE = "dev.cartwheel.partner.order.v1";

  /**
   * A partner asks the platform to notify one of its users. Data: {@code {"userId": uuid, "title": "...",
   * "body": "..."}}.
   */
  public static final String NOTIFICATION_REQUEST_TYPE = "dev.cartwheel.notification.request.v1";

  /** Every CloudEvent type the bridge takes in. */
  public static final List<String> INBOUND_TYPES =
      List.of(RESTOCK_TYPE, PARTNER_ORDER_TYPE, NOTIFICATION_REQUEST_TYPE);

  public static final List<Class<? extends Record>> MESSAGES =
      List.of(
          CountDeadLetters.class,
          DeadLetterCounts.class,
          ReplayDeadLetters.class,
          ReplayResult.class);

  private BridgeContract() {}
}
