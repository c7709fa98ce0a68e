package dev.cartwheel.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwheel.codecs.orders.CancelReasons;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.payments.PaymentRefunded;
import dev.cartwheel.codecs.users.UserProfile;
import dev.cartwheel.notifications.Drafts.Draft;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DraftsTest {

  private static final UUID ORDER = UUID.fromString("5d0c2a1e-0000-4000-8000-000000000001");
  private static final UUID USER = UUID.randomUUID();

  @Test
  void aCancelledOrderSaysWhyInWordsAndKeepsTheMachineReadableReason() {
    Draft draft = Drafts.cancelled(order(OrderStatus.CANCELLED, CancelReasons.OUT_OF_STOCK));

    assertThat(draft.userId()).isEqualTo(USER);
    assertThat(draft.kind()).isEqualTo("order-cancelled");
    assertThat(draft.body())
        .isEqualTo(
            "Order 5d0c2a1e was cancelled: some items are out of stock. Nothing was charged or kept.");
    assertThat(draft.orderStatus()).isEqualTo("CANCELLED");
    assertThat(draft.cancelReason()).isEqualTo("out-of-stock");
  }

  @Test
  void anUnknownCancelReasonStillReadsWell() {
    assertThat(Drafts.cancelled(order(OrderStatus.CANCELLED, "a-reason-from-a-newer-node")).body())
        .isEqualTo(
            "Order 5d0c2a1e was cancelled: it could not be completed. Nothing was charged or kept.");
  }

  @Test
  void ordersAndRefundsShowTheirAmountInMajorUnits() {
    assertThat(Drafts.confirmed(order(OrderStatus.CONFIRMED, null)).body())
        .isEqualTo("Order 5d0c2a1e (25.05 EUR) is confirmed.");
    Draft refund =
        Drafts.refunded(
            USER,
            new PaymentRefunded(UUID.randomUUID(), Instant.now(), ORDER, 7, "EUR", "compensation"));
    assertThat(refund.body()).isEqualTo("We refunded 0.07 EUR for order 5d0c2a1e.");
    assertThat(refund.orderId()).isEqualTo(ORDER);
    assertThat(refund.orderStatus()).as("a refund is not an order status change").isNull();
  }

  @Test
  void aWelcomeNamesTheUserAndIsAboutNoOrder() {
    Draft welcome =
        Drafts.welcome(
            new UserProfile(
                USER, "ada@example.com", "Ada Lovelace", List.of("customer"), Instant.now()));
    assertThat(welcome.title()).isEqualTo("Welcome to Cartwheel, Ada Lovelace");
    assertThat(welcome.body()).contains("ada@example.com");
    assertThat(welcome.orderId()).isNull();
  }

  private static Order order(OrderStatus status, String cancelReason) {
    return new Order(
        ORDER, USER, status, cancelReason, List.of(), 2505, "EUR", Instant.now(), Instant.now());
  }
}
