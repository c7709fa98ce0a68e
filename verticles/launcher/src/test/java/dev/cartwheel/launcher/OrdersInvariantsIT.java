package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderLine;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thousands of concurrent orders with a mix of declines, stock-outs and provider failures, then the
 * invariants of the commerce core, checked across the three domains' tables.
 */
@Timeout(300)
class OrdersInvariantsIT {

  private static final Logger LOG = LoggerFactory.getLogger(OrdersInvariantsIT.class);
  private static final int ORDERS = 2000;
  private static final int IN_FLIGHT = 64;
  private static final int SKUS = 10;
  private static final int STOCK_PER_SKU = 300;

  private Commerce commerce;

  @AfterEach
  void stop() {
    commerce.close();
  }

  @Test
  @DisplayName(
      "stock is never negative, confirmed quantities equal the stock taken, confirmed orders hold one authorized payment, cancelled ones none")
  void invariantsHoldUnderConcurrentLoad() {
    commerce =
        Commerce.start(
            Map.of(
                "payments.simulator.failurePercent", "5",
                "payments.simulator.declineOverMinor", "30000",
                "orders.maxStepAttempts", "4",
                "orders.placeWaitMs", "20000",
                "orders.stepTimeoutMs", "5000",
                "orders.leaseSeconds", "30",
                "pg.poolSize", "16"));
    for (int i = 0; i < SKUS; i++) {
      commerce.product(sku(i), i == 0 ? 20000 : 500 + 100L * i, STOCK_PER_SKU);
    }

    List<Order> accepted = placeAll();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(
                        TestServices.queryOne(
                            "SELECT count(*) FROM orders.orders WHERE status = 'PENDING'"))
                    .as("orders not final yet")
                    .isEqualTo("0"));

    assertThat(accepted).hasSize(ORDERS);
    LOG.info(
        "Orders by outcome: {}",
        TestServices.queryOne(
            "SELECT string_agg(outcome || '=' || n, ', ') FROM (SELECT status || coalesce('/' || cancel_reason, '') AS outcome, count(*) AS n"
                + " FROM orders.orders GROUP BY 1 ORDER BY 1) counts"));
    assertThat(count("SELECT count(*) FROM orders.orders WHERE status = 'CONFIRMED'")).isPositive();
    assertThat(count("SELECT count(*) FROM orders.orders WHERE cancel_reason = 'out-of-stock'"))
        .isPositive();
    assertThat(count("SELECT count(*) FROM orders.orders WHERE cancel_reason = 'payment-declined'"))
        .isPositive();

    // no stock is held once every order is final, and none went negative (the CHECKs would have
    // refused it)
    assertThat(
            count(
                "SELECT count(*) FROM inventory.products WHERE reserved <> 0 OR stock_on_hand < 0"))
        .isZero();
    // what left the warehouse is exactly what confirmed orders bought
    assertThat(
            count(
                "SELECT count(*) FROM inventory.products p WHERE "
                    + STOCK_PER_SKU
                    + " - p.stock_on_hand <>"
                    + " (SELECT coalesce(sum(l.quantity), 0) FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id"
                    + "  WHERE o.status = 'CONFIRMED' AND l.sku = p.sku)"))
        .isZero();
    // every confirmed order: a committed reservation and exactly one authorized payment of its
    // total, kept by the provider
    assertThat(
            count(
                "SELECT count(*) FROM orders.orders o WHERE o.status = 'CONFIRMED' AND NOT EXISTS ("
                    + " SELECT 1 FROM payments.payments p JOIN payments.simulated_provider_ledger c ON c.idempotency_key = 'order-' || p.order_id"
                    + " WHERE p.order_id = o.id AND p.status = 'AUTHORIZED' AND p.amount_minor = o.total_minor"
                    + " AND c.outcome = 'AUTHORIZED' AND NOT c.refunded AND c.amount_minor = o.total_minor)"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM orders.orders o WHERE o.status = 'CONFIRMED' AND NOT EXISTS ("
                    + " SELECT 1 FROM inventory.reservations r WHERE r.order_id = o.id AND r.status = 'COMMITTED')"))
        .isZero();
    // every cancelled order: nothing authorized left, nothing kept by the provider, nothing
    // committed
    assertThat(
            count(
                "SELECT count(*) FROM orders.orders o JOIN payments.payments p ON p.order_id = o.id"
                    + " WHERE o.status = 'CANCELLED' AND p.status IN ('AUTHORIZED', 'PENDING')"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM orders.orders o JOIN payments.simulated_provider_ledger c ON c.idempotency_key = 'order-' || o.id"
                    + " WHERE o.status = 'CANCELLED' AND c.outcome = 'AUTHORIZED' AND NOT c.refunded"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM orders.orders o JOIN inventory.reservations r ON r.order_id = o.id"
                    + " WHERE o.status = 'CANCELLED' AND r.status IN ('HELD', 'COMMITTED')"))
        .isZero();
    // the provider charged each order at most once
    assertThat(
            count(
                "SELECT count(*) FROM payments.simulated_provider_ledger c WHERE c.outcome = 'AUTHORIZED' AND NOT c.refunded"))
        .isEqualTo(count("SELECT count(*) FROM orders.orders WHERE status = 'CONFIRMED'"));
  }

  /** Places every order with at most IN_FLIGHT in flight; returns them as accepted. */
  private List<Order> placeAll() {
    Random random = new Random(42);
    List<UUID> users = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      users.add(UUID.randomUUID());
    }
    List<Order> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    Promise<Void> done = Promise.promise();
    AtomicInteger running = new AtomicInteger(IN_FLIGHT);
    List<Runnable> workers = new ArrayList<>();
    Runnable[] placeNext = new Runnable[1];
    placeNext[0] =
        () -> {
          int n = next.getAndIncrement();
          if (n >= ORDERS) {
            if (running.decrementAndGet() == 0) {
              done.tryComplete();
            }
            return;
          }
          Future<Order> placed;
          synchronized (random) {
            placed =
                commerce.placeAsync(
                    users.get(random.nextInt(users.size())),
                    "order-" + n,
                    lines(random),
                    random.nextInt(10) == 0 ? "tok_decline" : "tok_visa");
          }
          placed.onComplete(
              result -> {
                if (result.succeeded()) {
                  accepted.add(result.result());
                } else {
                  LOG.warn("Order {} was refused: {}", n, result.cause().toString());
                }
                placeNext[0].run();
              });
        };
    for (int i = 0; i < IN_FLIGHT; i++) {
      workers.add(placeNext[0]);
    }
    long start = System.nanoTime();
    commerce.vertx.runOnContext(go -> workers.forEach(Runnable::run));
    done.future().await();
    LOG.info("Placed {} orders in {} ms", ORDERS, (System.nanoTime() - start) / 1_000_000);
    return accepted;
  }

  private static List<OrderLine> lines(Random random) {
    int count = 1 + random.nextInt(3);
    List<OrderLine> lines = new ArrayList<>();
    int first = random.nextInt(SKUS);
    for (int i = 0; i < count; i++) {
      lines.add(new OrderLine(sku((first + i) % SKUS), 1 + random.nextInt(3)));
    }
    return lines;
  }

  private static String sku(int i) {
    return "CW-LOAD-" + i;
  }

  private static long count(String sql) {
    return Long.parseLong(TestServices.queryOne(sql));
  }
}
