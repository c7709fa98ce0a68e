package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.orders.CancelOrder;
import dev.cartwheel.codecs.orders.CancelReasons;
import dev.cartwheel.codecs.orders.GetOrder;
import dev.cartwheel.codecs.orders.ListOrders;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderCancelled;
import dev.cartwheel.codecs.orders.OrderConfirmed;
import dev.cartwheel.codecs.orders.OrderLine;
import dev.cartwheel.codecs.orders.OrderPage;
import dev.cartwheel.codecs.orders.OrderPlaced;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.orders.PlaceOrder;
import dev.cartwheel.codecs.orders.Requester;
import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.payments.PaymentsVerticle;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The order saga across the real inventory, payments and orders verticles: every path, and crashes at every step. */
@Timeout(120)
class OrdersSagaIT {

  private static final UUID ADA = UUID.randomUUID();
  private static final UUID GRACE = UUID.randomUUID();
  private Commerce commerce;

  @AfterEach
  void stop() {
    if (commerce != null) {
      commerce.close();
    }
  }

  @Test
  @DisplayName(
      "an order with stock and a good card is CONFIRMED: stock taken, payment authorized, events published")
  void happyPath() {
    start(Map.of());
    commerce.product("CW-MUG-01", 1290, 10);
    commerce.product("CW-TEE-M", 2490, 5);
    List<DomainEvent> events = listen(OrdersContract.ORDER_PLACED, OrdersContract.ORDER_CONFIRMED);

    Order order =
        commerce.place(
            ADA, List.of(new OrderLine("CW-MUG-01", 2), new OrderLine("CW-TEE-M", 1)), "tok_visa");

    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(order.totalMinor()).isEqualTo(2 * 1290 + 2490);
    Commerce.assertConsistent(order);
    assertThat(stock("CW-MUG-01")).isEqualTo("8/0");
    await()
        .untilAsserted(
            () ->
                assertThat(events)
                    .hasAtLeastOneElementOfType(OrderPlaced.class)
                    .hasAtLeastOneElementOfType(OrderConfirmed.class));
  }

  @ParameterizedTest(name = "{0} → CANCELLED ({1})")
  @CsvSource({
    "out of stock,     out-of-stock",
    "declined card,    payment-declined",
    "amount too high,  payment-declined"
  })
  @DisplayName(
      "refusals cancel the order with a machine-readable reason and leave nothing held or charged")
  void refusalsCancel(String situation, String reason) {
    start(Map.of("payments.simulator.declineOverMinor", "100000"));
    commerce.product("CW-MUG-01", 1290, 1);
    commerce.product("CW-GOLD-01", 90000, 10);
    List<DomainEvent> cancelled = listen(OrdersContract.ORDER_CANCELLED);

    Order order =
        switch (situation.trim()) {
          case "out of stock" ->
              commerce.place(ADA, List.of(new OrderLine("CW-MUG-01", 2)), "tok_visa");
          case "declined card" ->
              commerce.place(ADA, List.of(new OrderLine("CW-MUG-01", 1)), "tok_decline");
          default -> commerce.place(ADA, List.of(new OrderLine("CW-GOLD-01", 2)), "tok_visa");
        };

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.cancelReason()).isEqualTo(reason.trim());
    Commerce.assertConsistent(order);
    assertThat(stock("CW-MUG-01")).as("nothing held, nothing taken").isEqualTo("1/0");
    await()
        .untilAsserted(
            () ->
                assertThat(cancelled)
                    .singleElement()
                    .isInstanceOfSatisfying(
                        OrderCancelled.class,
                        event ->
                            assertThat(event.order().cancelReason()).isEqualTo(reason.trim())));
  }

  @Test
  @DisplayName(
      "the same idempotency key and request is the same order; another request under that key is refused")
  void idempotencyKeys() {
    start(Map.of());
    commerce.product("CW-MUG-01", 1290, 10);
    List<OrderLine> lines = List.of(new OrderLine("CW-MUG-01", 1));

    Order first = commerce.placeAsync(ADA, "checkout-1", lines, "tok_visa").await();
    Order again = commerce.placeAsync(ADA, "checkout-1", lines, "tok_visa").await();
    DomainFailure reused =
        commerce.placeFailure(
            new PlaceOrder(ADA, "checkout-1", List.of(new OrderLine("CW-MUG-01", 2)), "tok_visa"));
    Order graces = commerce.placeAsync(GRACE, "checkout-1", lines, "tok_visa").await();

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(graces.id()).as("keys are per user").isNotEqualTo(first.id());
    assertThat(stock("CW-MUG-01")).isEqualTo("8/0");
  }

  @Test
  @DisplayName("concurrent requests under one key create one order")
  void racingKeysCreateOneOrder() {
    start(Map.of());
    commerce.product("CW-MUG-01", 1290, 10);

    List<Future<Order>> racing =
        IntStream.range(0, 6)
            .mapToObj(
                i ->
                    commerce.placeAsync(
                        ADA, "double-click", List.of(new OrderLine("CW-MUG-01", 1)), "tok_visa"))
            .toList();
    Future.all(racing).await();

    assertThat(racing.stream().map(placed -> placed.result().id()).distinct()).hasSize(1);
    assertThat(TestServices.queryOne("SELECT count(*) FROM orders.orders")).isEqualTo("1");
    assertThat(stock("CW-MUG-01")).isEqualTo("9/0");
  }

  @Test
  @DisplayName("bad orders are refused field by field and write nothing")
  void badOrdersWriteNothing() {
    start(Map.of());
    commerce.product("CW-MUG-01", 1290, 10);
    List<OrderLine> tooMany =
        IntStream.range(0, 21).mapToObj(i -> new OrderLine("CW-SKU-" + i, 1)).toList();

    assertThat(fields(new PlaceOrder(ADA, "k1", List.of(new OrderLine("CW-NOPE", 1)), "tok_visa")))
        .containsExactly("lines/0/sku");
    assertThat(
            fields(new PlaceOrder(ADA, "k2", List.of(new OrderLine("CW-MUG-01", 0)), "tok_visa")))
        .containsExactly("lines/0/quantity");
    assertThat(
            fields(new PlaceOrder(ADA, "k3", List.of(new OrderLine("CW-MUG-01", -3)), "tok_visa")))
        .containsExactly("lines/0/quantity");
    assertThat(
            fields(
                new PlaceOrder(
                    ADA, "k4", List.of(new OrderLine("CW-MUG-01", 1_000_000)), "tok_visa")))
        .containsExactly("lines/0/quantity");
    assertThat(fields(new PlaceOrder(ADA, "k5", tooMany, "tok_visa"))).containsExactly("lines");
    assertThat(fields(new PlaceOrder(ADA, "k6", List.of(), "tok_visa"))).containsExactly("lines");
    assertThat(
            fields(new PlaceOrder(ADA, null, List.of(new OrderLine("CW-MUG-01", 1)), "tok_visa")))
        .containsExactly("idempotencyKey");
    assertThat(
            fields(
                new PlaceOrder(
                    ADA,
                    "k7",
                    List.of(new OrderLine("CW-MUG-01", 1), new OrderLine("CW-MUG-01", 1)),
                    "tok_visa")))
        .containsExactly("lines/1/sku");
    assertThat(fields(new PlaceOrder(ADA, "k8", List.of(new OrderLine("CW-MUG-01", 1)), "visa")))
        .containsExactly("paymentToken");

    assertThat(TestServices.queryOne("SELECT count(*) FROM orders.orders")).isEqualTo("0");
    assertThat(TestServices.queryOne("SELECT count(*) FROM payments.payments")).isEqualTo("0");
    assertThat(stock("CW-MUG-01")).isEqualTo("10/0");
  }

  @Test
  @DisplayName(
      "an order is visible to its owner and admins only; a user lists their own, newest first")
  void visibility() {
    start(Map.of());
    commerce.product("CW-MUG-01", 1290, 10);
    Order older = commerce.place(ADA, List.of(new OrderLine("CW-MUG-01", 1)), "tok_visa");
    Order newer = commerce.place(ADA, List.of(new OrderLine("CW-MUG-01", 2)), "tok_visa");
    commerce.place(GRACE, List.of(new OrderLine("CW-MUG-01", 1)), "tok_visa");

    DomainFailure hidden =
        catchThrowableOfType(
            DomainFailure.class,
            () ->
                commerce
                    .bus
                    .request(
                        OrdersContract.GET, new GetOrder(older.id(), new Requester(GRACE, false)))
                    .await());
    Order seenByAdmin =
        (Order)
            commerce
                .bus
                .request(OrdersContract.GET, new GetOrder(older.id(), new Requester(GRACE, true)))
                .await()
                .body();
    OrderPage adas =
        (OrderPage)
            commerce.bus.request(OrdersContract.LIST, new ListOrders(ADA, 0, 1)).await().body();

    assertThat(hidden.code()).isEqualTo("ORDER_NOT_FOUND");
    assertThat(seenByAdmin.id()).isEqualTo(older.id());
    assertThat(adas.items()).extracting(Order::id).containsExactly(newer.id());
    assertThat(adas.total()).isEqualTo(2);
  }

  @Test
  @DisplayName("a customer may cancel a PENDING order (it is compensated) but not a CONFIRMED one")
  void cancellation() {
    start(
        Map.of(
            "payments.simulator.latencyMs",
            "1500",
            "orders.placeWaitMs",
            "100",
            "orders.stepTimeoutMs",
            "5000"));
    commerce.product("CW-MUG-01", 1290, 10);

    Order pending = commerce.place(ADA, List.of(new OrderLine("CW-MUG-01", 3)), "tok_visa");
    assertThat(pending.status()).isEqualTo(OrderStatus.PENDING);
    Order cancelled =
        (Order)
            commerce
                .bus
                .request(
                    OrdersContract.CANCEL, new CancelOrder(pending.id(), new Requester(ADA, false)))
                .await()
                .body();
    Order settled = commerce.awaitFinal(cancelled, Duration.ofSeconds(20));

    assertThat(settled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(settled.cancelReason()).isEqualTo(CancelReasons.CANCELLED_BY_CUSTOMER);
    Commerce.assertConsistent(settled);
    assertThat(stock("CW-MUG-01")).isEqualTo("10/0");

    Order confirmed =
        commerce.awaitFinal(
            commerce.place(ADA, List.of(new OrderLine("CW-MUG-01", 1)), "tok_visa"),
            Duration.ofSeconds(20));
    DomainFailure late =
        catchThrowableOfType(
            DomainFailure.class,
            () ->
                commerce
                    .bus
                    .request(
                        OrdersContract.CANCEL,
                        new CancelOrder(confirmed.id(), new Requester(ADA, false)))
                    .await());
    assertThat(late.code()).isEqualTo("NOT_CANCELLABLE");
  }

  @Test
  @DisplayName(
      "a hold that runs out before the payment is through ends the order CANCELLED (reservation-expired), refunded")
  void expiredHoldCancels() {
    start(
        Map.of(
            "inventory.holdSeconds",
            "1",
            "payments.simulator.latencyMs",
            "2500",
            "orders.stepTimeoutMs",
            "5000",
            "orders.placeWaitMs",
            "100"));
    commerce.product("CW-MUG-01", 1290, 10);

    Order order =
        commerce.awaitFinal(
            commerce.place(ADA, List.of(new OrderLine("CW-MUG-01", 2)), "tok_visa"),
            Duration.ofSeconds(30));

    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.cancelReason()).isEqualTo(CancelReasons.RESERVATION_EXPIRED);
    Commerce.assertConsistent(order);
    assertThat(stock("CW-MUG-01")).isEqualTo("10/0");
  }

  @Test
  @DisplayName(
      "while the payment provider is down, the order is retried, then compensated: its stock returns at once, and it ends CANCELLED (payment-unavailable) once the provider can confirm nothing was charged")
  void providerDownCancelsAfterRetries() {
    start(
        Map.of(
            "payments.simulator.failurePercent",
            "100",
            "orders.maxStepAttempts",
            "3",
            "orders.placeWaitMs",
            "100"));
    commerce.product("CW-MUG-01", 1290, 10);

    Order accepted = commerce.place(ADA, List.of(new OrderLine("CW-MUG-01", 2)), "tok_visa");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(stock("CW-MUG-01")).isEqualTo("10/0"));
    assertThat(commerce.get(accepted).status())
        .as("the refund cannot be confirmed yet")
        .isEqualTo(OrderStatus.PENDING);

    commerce.undeploy(PaymentsVerticle.class);
    commerce.deploy(PaymentsVerticle.class, Map.of("payments.simulator.failurePercent", "0"));
    Order order = commerce.awaitFinal(accepted, Duration.ofSeconds(30));

    assertThat(order.cancelReason()).isEqualTo(CancelReasons.PAYMENT_UNAVAILABLE);
    Commerce.assertConsistent(order);
  }

  @Test
  @DisplayName(
      "with inventory down, placing an order is refused at once (nothing written) instead of hanging")
  void inventoryDownRefusesNewOrders() {
    start(Map.of());
    commerce.undeploy(dev.cartwheel.inventory.InventoryVerticle.class);

    DomainFailure refused =
        commerce.placeFailure(
            new PlaceOrder(ADA, "k", List.of(new OrderLine("CW-MUG-01", 1)), "tok_visa"));

    assertThat(refused.code()).isEqualTo("DEPENDENCY_UNAVAILABLE");
    assertThat(TestServices.queryOne("SELECT count(*) FROM orders.orders")).isEqualTo("0");
  }

  @ParameterizedTest(name = "the reply of {0} is lost")
  @CsvSource({
    InventoryContract.RESERVE + ", tok_visa, CONFIRMED",
    PaymentsContract.AUTHORIZE + ", tok_visa, CONFIRMED",
    InventoryContract.COMMIT + ", tok_visa, CONFIRMED",
    InventoryContract.RELEASE + ", tok_decline, CANCELLED",
    PaymentsContract.REFUND + ", tok_decline, CANCELLED"
  })
  @DisplayName(
      "a step that took effect but whose answer was lost is retried, and the order still ends consistent")
  void lostRepliesAtEachStep(String address, String token, OrderStatus expected) {
    start(Map.of("orders.stepTimeoutMs", "500"));
    commerce.product("CW-MUG-01", 1290, 10);
    commerce.dropFirstReplyTo(address);

    Order order =
        commerce.awaitFinal(
            commerce.place(ADA, List.of(new OrderLine("CW-MUG-01", 2)), token),
            Duration.ofSeconds(30));

    assertThat(order.status()).isEqualTo(expected);
    Commerce.assertConsistent(order);
    assertThat(stock("CW-MUG-01")).isEqualTo(expected == OrderStatus.CONFIRMED ? "8/0" : "10/0");
  }

  @Test
  @DisplayName(
      "a node that died right after accepting an order leaves it to any node's recovery pass")
  void acceptedButNeverDriven() {
    start(Map.of());
    commerce.product("CW-MUG-01", 1290, 10);
    UUID orderId = UUID.randomUUID();
    // the order and its lines in one statement, as the node writes them: the recovery pass must not
    // find an order without lines
    TestServices.sql(
        "WITH orphan AS (INSERT INTO orders.orders (id, user_id, idempotency_key, request_hash, status, step, total_minor,"
            + " currency, payment_token, lease_owner, lease_until) VALUES ('"
            + orderId
            + "', '"
            + ADA
            + "', 'orphan', 'x', 'PENDING', 'RESERVE',"
            + " 2580, 'EUR', 'tok_visa', 'a-dead-node', now() - interval '1 second') RETURNING id)"
            + " INSERT INTO orders.order_lines SELECT id, 1, 'CW-MUG-01', 2, 1290 FROM orphan");

    Order order =
        commerce.awaitFinal(
            new Order(orderId, ADA, OrderStatus.PENDING, null, List.of(), 0, "EUR", null, null),
            Duration.ofSeconds(20));

    assertThat(order.status())
        .as("cancelled for %s", order.cancelReason())
        .isEqualTo(OrderStatus.CONFIRMED);
    Commerce.assertConsistent(order);
  }

  private void start(Map<String, String> overrides) {
    commerce = Commerce.start(overrides);
  }

  private List<String> fields(PlaceOrder order) {
    DomainFailure failure = commerce.placeFailure(order);
    assertThat(failure.code()).isEqualTo("VALIDATION_FAILED");
    return failure.fieldErrors().stream().map(FieldError::field).toList();
  }

  private List<DomainEvent> listen(String... addresses) {
    List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());
    for (String address : addresses) {
      commerce.bus.<DomainEvent>consumer(address, message -> events.add(message.body()));
    }
    return events;
  }

  /** stock on hand / reserved */
  private static String stock(String sku) {
    return TestServices.queryOne(
        "SELECT stock_on_hand || '/' || reserved FROM inventory.products WHERE sku = '"
            + sku
            + "'");
  }
}
