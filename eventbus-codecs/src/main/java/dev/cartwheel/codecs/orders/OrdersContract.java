package dev.cartwheel.codecs.orders;

import dev.cartwheel.codecs.DomainEvent;
import java.util.List;
import java.util.Map;

/** The orders domain on the event bus: orders and the saga that takes each one to CONFIRMED or CANCELLED. */
public final class OrdersContract {

  public static final String DOMAIN = "orders";

  /**
   * {@link PlaceOrder} → {@link Order}: answered once the order is final, or PENDING after the configured
   * wait. Idempotent per user and idempotency key; IDEMPOTENCY_KEY_REUSED for the same key with another
   * request; VALIDATION_FAILED, PRODUCT_NOT_FOUND and MIXED_CURRENCIES write nothing.
   */
  public static final String PLACE = "orders.cmd.place";

  /** {@link GetOrder} → {@link Order}; ORDER_NOT_FOUND (also for someone else's order). */
  public static final String GET = "orders.cmd.get";

  /** {@link ListOrders} → {@link OrderPage}: the user's orders, newest first. */
  public static final String LIST = "orders.cmd.list";

  /** {@link CancelOrder} → {@link Order}; NOT_CANCELLABLE once CONFIRMED; ORDER_NOT_FOUND. */
  public static final String CANCEL = "orders.cmd.cancel";

  public static final String ORDER_PLACED = "orders.evt.order-placed";
  public static final String ORDER_CONFIRMED = "orders.evt.order-confirmed";
  public static final String ORDER_CANCELLED = "orders.evt.order-cancelled";

  public static final Map<String, Class<? extends DomainEvent>> EVENTS =
      Map.of(
          ORDER_PLACED, OrderPlaced.class,
          ORDER_CONFIRMED, OrderConfirmed.class,
          ORDER_CANCELLED, OrderCancelled.class);

  public static final List<Class<? extends Record>> MESSAGES =
      List.of(
          PlaceOrder.class,
          GetOrder.class,
          ListOrders.class,
          CancelOrder.class,
          Order.class,
          OrderPage.class,
          OrderPlaced.class,
          OrderConfirmed.class,
          OrderCancelled.class);

  private OrdersContract() {}
}
