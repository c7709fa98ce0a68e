package dev.cartwheel.codecs.notifications;

/** The stable values of {@link Notification#kind()}. */
public final class NotificationKinds {

  public static final String WELCOME = "welcome";
  public static final String ORDER_PLACED = "order-placed";
  public static final String ORDER_CONFIRMED = "order-confirmed";
  public static final String ORDER_CANCELLED = "order-cancelled";
  public static final String PAYMENT_REFUNDED = "payment-refunded";
  public static final String PARTNER_MESSAGE = "partner-message";

  private NotificationKinds() {}
}
