package dev.cartwheel.notifications;

import dev.cartwheel.codecs.notifications.NotificationKinds;
import dev.cartwheel.codecs.orders.CancelReasons;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.payments.PaymentRefunded;
import dev.cartwheel.codecs.users.UserProfile;
import java.util.Map;
import java.util.UUID;

/** What each event tells its user, in words: pure functions from an event's content to a {@link Draft}. */
final class Drafts {

  /** A notification before it is stored. The order fields are null for notifications about no order. */
  record Draft(
      UUID userId,
      String kind,
      String title,
      String body,
      UUID orderId,
      String orderStatus,
      String cancelReason) {}

  private static final Map<String, String> CANCEL_REASONS =
      Map.of(
          CancelReasons.OUT_OF_STOCK, "some items are out of stock",
          CancelReasons.PAYMENT_DECLINED, "the payment was declined",
          CancelReasons.PAYMENT_UNAVAILABLE, "the payment service was unavailable",
          CancelReasons.INVENTORY_UNAVAILABLE, "the stock service was unavailable",
          CancelReasons.RESERVATION_EXPIRED, "the stock hold expired before payment",
          CancelReasons.CANCELLED_BY_CUSTOMER, "you cancelled it");

  private Drafts() {}

  static Draft welcome(UserProfile user) {
    return new Draft(
        user.id(),
        NotificationKinds.WELCOME,
        "Welcome to Cartwheel, " + user.fullName(),
        "Your account "
            + user.email()
            + " is ready. Orders you place show up here as they move along.",
        null,
        null,
        null);
  }

  static Draft placed(Order order) {
    return about(
        order,
        NotificationKinds.ORDER_PLACED,
        "Order received",
        "We received order "
            + reference(order)
            + " ("
            + money(order.totalMinor(), order.currency())
            + ") and are checking stock and payment.");
  }

  static Draft confirmed(Order order) {
    return about(
        order,
        NotificationKinds.ORDER_CONFIRMED,
        "Order confirmed",
        "Order "
            + reference(order)
            + " ("
            + money(order.totalMinor(), order.currency())
            + ") is confirmed.");
  }

  static Draft cancelled(Order order) {
    String why = CANCEL_REASONS.getOrDefault(order.cancelReason(), "it could not be completed");
    return about(
        order,
        NotificationKinds.ORDER_CANCELLED,
        "Order cancelled",
        "Order " + reference(order) + " was cancelled: " + why + ". Nothing was charged or kept.");
  }

  static Draft refunded(UUID userId, PaymentRefunded refund) {
    return new Draft(
        userId,
        NotificationKinds.PAYMENT_REFUNDED,
        "Payment refunded",
        "We refunded "
            + money(refund.amountMinor(), refund.currency())
            + " for order "
            + refund.orderId().toString().substring(0, 8)
            + ".",
        refund.orderId(),
        null,
        null);
  }

  private static Draft about(Order order, String kind, String title, String body) {
    return new Draft(
        order.userId(), kind, title, body, order.id(), order.status().name(), order.cancelReason());
  }

  private static String reference(Order order) {
    return order.id().toString().substring(0, 8);
  }

  /** Minor units as a decimal amount: every currency the shop sells in has two decimals. */
  static String money(long minor, String currency) {
    long cents = Math.abs(minor % 100);
    return (minor / 100) + (cents < 10 ? ".0" : ".") + cents + " " + currency;
  }
}
