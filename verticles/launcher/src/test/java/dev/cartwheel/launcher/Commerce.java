package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.Codecs;
import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.inventory.CreateProduct;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.Product;
import dev.cartwheel.codecs.orders.GetOrder;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderLine;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.orders.PlaceOrder;
import dev.cartwheel.codecs.orders.Requester;
import dev.cartwheel.inventory.InventoryVerticle;
import dev.cartwheel.orders.OrdersVerticle;
import dev.cartwheel.payments.PaymentsVerticle;
import dev.cartwheel.testkit.TestConfig;
import dev.cartwheel.testkit.TestNodes;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The commerce core in the test JVM: the real inventory, payments and orders verticles on one Vert.x,
 * against the shared test PostgreSQL, with every table of theirs emptied first. Settings default to
 * fast retries and short leases; tests override what they exercise.
 */
final class Commerce implements AutoCloseable {

  static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("inventory.seedDemoCatalogue", "false"),
          Map.entry("inventory.expirySweepMs", "200"),
          Map.entry("outbox.pollMs", "50"),
          Map.entry("payments.simulator.latencyMs", "0"),
          Map.entry("orders.placeWaitMs", "5000"),
          Map.entry("orders.stepTimeoutMs", "2000"),
          Map.entry("orders.leaseSeconds", "2"),
          Map.entry("orders.retryBaseMs", "50"),
          Map.entry("orders.retryMaxMs", "500"),
          Map.entry("orders.recoveryIntervalMs", "200"));

  static final String RESET =
      "TRUNCATE inventory.reservation_lines, inventory.reservations, inventory.restocks, inventory.products,"
          + " inventory.outbox, payments.payments, payments.simulated_provider_ledger, payments.outbox,"
          + " orders.order_lines, orders.orders, orders.processed_events, orders.outbox";

  final Vertx vertx;
  final EventBus bus;
  private final Map<String, String> settings;
  private final Map<Class<? extends Deployable>, String> deployments = new HashMap<>();

  private Commerce(Map<String, String> settings) {
    this.vertx = Vertx.vertx();
    TestNodes.install(vertx);
    this.bus = vertx.eventBus();
    this.settings = settings;
    Codecs.registerAll(bus);
  }

  static Commerce start(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(DEFAULTS);
    settings.putAll(overrides);
    Commerce commerce = new Commerce(settings);
    for (Class<? extends Deployable> domain :
        List.of(InventoryVerticle.class, PaymentsVerticle.class, OrdersVerticle.class)) {
      commerce.deploy(domain, Map.of());
    }
    TestServices.sql(RESET);
    return commerce;
  }

  /** Deploys a domain verticle with the common settings plus {@code overrides}. */
  void deploy(Class<? extends Deployable> verticle, Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(settings);
    merged.putAll(overrides);
    deployments.put(
        verticle,
        vertx
            .deployVerticle(
                verticle, new DeploymentOptions().setConfig(TestConfig.forServices(vertx, merged)))
            .await());
  }

  void undeploy(Class<? extends Deployable> verticle) {
    vertx.undeploy(deployments.remove(verticle)).await();
  }

  Product product(String sku, long priceMinor, int stock) {
    return (Product)
        bus.request(
                InventoryContract.CREATE_PRODUCT,
                new CreateProduct(sku, sku + " product", "", priceMinor, "EUR", stock))
            .await()
            .body();
  }

  Future<Order> placeAsync(UUID user, String key, List<OrderLine> lines, String token) {
    return bus.<Order>request(
            OrdersContract.PLACE,
            new PlaceOrder(user, key, lines, token),
            new DeliveryOptions().setSendTimeout(30_000))
        .map(message -> message.body());
  }

  Order place(UUID user, List<OrderLine> lines, String token) {
    return placeAsync(user, UUID.randomUUID().toString(), lines, token).await();
  }

  DomainFailure placeFailure(PlaceOrder order) {
    return catchThrowableOfType(
        DomainFailure.class, () -> bus.request(OrdersContract.PLACE, order).await());
  }

  Order get(Order order) {
    return (Order)
        bus.request(
                OrdersContract.GET, new GetOrder(order.id(), new Requester(order.userId(), false)))
            .await()
            .body();
  }

  /** Waits for the order to be CONFIRMED or CANCELLED (the recovery pass may have to finish it). */
  Order awaitFinal(Order order, Duration within) {
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> get(order).status().isFinal());
    return get(order);
  }

  /** Drops the first reply to a request sent to {@code address}: the request took effect, its sender never learns it. */
  void dropFirstReplyTo(String address) {
    Set<String> replyAddresses = ConcurrentHashMap.newKeySet();
    AtomicBoolean armed = new AtomicBoolean(true);
    bus.addOutboundInterceptor(
        delivery -> {
          if (armed.get()
              && address.equals(delivery.message().address())
              && delivery.message().replyAddress() != null) {
            replyAddresses.add(delivery.message().replyAddress());
          }
          delivery.next();
        });
    bus.addInboundInterceptor(
        delivery -> {
          if (replyAddresses.remove(delivery.message().address())
              && armed.compareAndSet(true, false)) {
            return;
          }
          delivery.next();
        });
  }

  /** The reservation, payment and provider charge behind the order agree with its final status. */
  static void assertConsistent(Order order) {
    assertConsistent(order.id(), order.status());
  }

  /** A final order's reservation and payment agree with its status, and it was charged once at most. */
  static void assertConsistent(UUID orderId, OrderStatus status) {
    String reservation =
        TestServices.queryOne(
            "SELECT status FROM inventory.reservations WHERE order_id = '" + orderId + "'");
    String payment =
        TestServices.queryOne(
            "SELECT status FROM payments.payments WHERE order_id = '" + orderId + "'");
    String keptCharges =
        TestServices.queryOne(
            "SELECT count(*) FROM payments.simulated_provider_ledger WHERE idempotency_key = 'order-"
                + orderId
                + "' AND outcome = 'AUTHORIZED' AND NOT refunded");
    switch (status) {
      case CONFIRMED -> {
        assertThat(reservation)
            .as("reservation of confirmed order %s", orderId)
            .isEqualTo("COMMITTED");
        assertThat(payment).as("payment of confirmed order %s", orderId).isEqualTo("AUTHORIZED");
        assertThat(keptCharges).as("charges kept for confirmed order %s", orderId).isEqualTo("1");
      }
      case CANCELLED -> {
        assertThat(reservation)
            .as("reservation of cancelled order %s", orderId)
            .isIn(null, "RELEASED", "EXPIRED");
        assertThat(payment)
            .as("payment of cancelled order %s", orderId)
            .isIn(null, "DECLINED", "REFUNDED", "VOIDED");
        assertThat(keptCharges).as("charges kept for cancelled order %s", orderId).isEqualTo("0");
      }
      default -> throw new AssertionError("order " + orderId + " is not final: " + status);
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
