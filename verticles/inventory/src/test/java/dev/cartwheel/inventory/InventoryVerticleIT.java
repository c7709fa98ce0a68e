package dev.cartwheel.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.Codecs;
import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.Headers;
import dev.cartwheel.codecs.inventory.CommitReservation;
import dev.cartwheel.codecs.inventory.CreateProduct;
import dev.cartwheel.codecs.inventory.GetProduct;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.ListProducts;
import dev.cartwheel.codecs.inventory.Product;
import dev.cartwheel.codecs.inventory.ProductCreated;
import dev.cartwheel.codecs.inventory.ProductPage;
import dev.cartwheel.codecs.inventory.Quotation;
import dev.cartwheel.codecs.inventory.Quote;
import dev.cartwheel.codecs.inventory.QuotedLine;
import dev.cartwheel.codecs.inventory.ReleaseReservation;
import dev.cartwheel.codecs.inventory.Reservation;
import dev.cartwheel.codecs.inventory.ReservationExpired;
import dev.cartwheel.codecs.inventory.ReservationStatus;
import dev.cartwheel.codecs.inventory.Reserve;
import dev.cartwheel.codecs.inventory.Restock;
import dev.cartwheel.codecs.inventory.RestockAll;
import dev.cartwheel.codecs.inventory.RestockResults;
import dev.cartwheel.codecs.inventory.StockLine;
import dev.cartwheel.codecs.inventory.StockRejected;
import dev.cartwheel.codecs.inventory.StockReserved;
import dev.cartwheel.codecs.inventory.StockRestocked;
import dev.cartwheel.testkit.TestConfig;
import dev.cartwheel.testkit.TestNodes;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class InventoryVerticleIT {

  private Vertx vertx;
  private EventBus bus;
  private final List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final List<String> eventIds = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @BeforeEach
  void deployInventory() {
    vertx = Vertx.vertx();
    TestNodes.install(vertx);
    bus = vertx.eventBus();
    Codecs.registerAll(bus);
    TestServices.sql(
        "DO $$ BEGIN IF to_regclass('inventory.products') IS NOT NULL THEN "
            + "TRUNCATE inventory.reservation_lines, inventory.reservations, inventory.restocks, inventory.products, inventory.outbox; END IF; END $$");
    InventoryContract.EVENTS
        .keySet()
        .forEach(
            address ->
                bus.<DomainEvent>consumer(
                    address,
                    message -> {
                      events.add(message.body());
                      eventIds.add(message.headers().get(Headers.EVENT_ID));
                    }));
    deploy(
        Map.of(
            "inventory.holdSeconds",
            "2",
            "inventory.expirySweepMs",
            "200",
            "outbox.pollMs",
            "50",
            "inventory.seedDemoCatalogue",
            "false"),
        2);
  }

  @Test
  @DisplayName(
      "products: create, read, search by text with paging; a duplicate SKU or a bad field is refused")
  void catalogue() {
    Product mug = create("CW-MUG-01", "Cartwheel mug", 1290, 10);
    create("CW-TEE-M", "T-shirt", 2490, 5);
    create("CW-CAP-01", "Cap with a mug print", 1990, 5);

    assertThat(request(InventoryContract.GET_PRODUCT, new GetProduct("CW-MUG-01"), Product.class))
        .isEqualTo(mug);
    ProductPage mugs =
        request(InventoryContract.LIST_PRODUCTS, new ListProducts("MUG", 0, 10), ProductPage.class);
    assertThat(mugs.items()).extracting(Product::sku).containsExactly("CW-CAP-01", "CW-MUG-01");
    ProductPage second =
        request(InventoryContract.LIST_PRODUCTS, new ListProducts(null, 1, 2), ProductPage.class);
    assertThat(second.items()).extracting(Product::sku).containsExactly("CW-TEE-M");
    assertThat(second.total()).isEqualTo(3);
    assertThat(
            request(
                    InventoryContract.LIST_PRODUCTS,
                    new ListProducts("100%_", 0, 10),
                    ProductPage.class)
                .items())
        .isEmpty();

    assertThat(
            failure(
                    InventoryContract.CREATE_PRODUCT,
                    new CreateProduct("CW-MUG-01", "Again", "", 1, "EUR", 1))
                .code())
        .isEqualTo("SKU_TAKEN");
    assertThat(
            failure(
                    InventoryContract.CREATE_PRODUCT,
                    new CreateProduct("bad sku", "", "", -1, "euro", -5))
                .fieldErrors())
        .extracting(FieldError::field)
        .containsExactly("sku", "name", "priceMinor", "currency", "initialStock");
    assertThat(failure(InventoryContract.GET_PRODUCT, new GetProduct("CW-NONE")).code())
        .isEqualTo("PRODUCT_NOT_FOUND");
  }

  @Test
  @DisplayName("a restock adds stock; with a restock id, the same restock twice counts once")
  void restockIsIdempotentOnItsId() {
    create("CW-MUG-01", "Cartwheel mug", 1290, 10);

    request(InventoryContract.RESTOCK, new Restock("CW-MUG-01", 5, "delivery-7"), Product.class);
    Product again =
        request(
            InventoryContract.RESTOCK, new Restock("CW-MUG-01", 5, "delivery-7"), Product.class);
    Product anonymous =
        request(InventoryContract.RESTOCK, new Restock("CW-MUG-01", 1, null), Product.class);

    assertThat(again.stockOnHand()).isEqualTo(15);
    assertThat(anonymous.stockOnHand()).isEqualTo(16);
    assertThat(failure(InventoryContract.RESTOCK, new Restock("CW-NONE", 1, "delivery-8")).code())
        .isEqualTo("PRODUCT_NOT_FOUND");
    assertThat(failure(InventoryContract.RESTOCK, new Restock("CW-MUG-01", 0, null)).code())
        .isEqualTo("VALIDATION_FAILED");
  }

  @Test
  @DisplayName(
      "a quote prices lines at today's prices and refuses unknown products or mixed currencies")
  void quotes() {
    create("CW-MUG-01", "Cartwheel mug", 1290, 10);
    create("CW-TEE-M", "T-shirt", 2490, 0);
    request(
        InventoryContract.CREATE_PRODUCT,
        new CreateProduct("US-MUG-01", "US mug", "", 1500, "USD", 3),
        Product.class);

    Quotation quotation =
        request(
            InventoryContract.QUOTE,
            new Quote(List.of(new StockLine("CW-MUG-01", 2), new StockLine("CW-TEE-M", 1))),
            Quotation.class);
    assertThat(quotation.lines())
        .containsExactly(new QuotedLine("CW-MUG-01", 2, 1290), new QuotedLine("CW-TEE-M", 1, 2490));
    assertThat(quotation.totalMinor()).isEqualTo(5070);
    assertThat(quotation.currency()).isEqualTo("EUR");

    DomainFailure unknown =
        failure(
            InventoryContract.QUOTE,
            new Quote(List.of(new StockLine("CW-MUG-01", 1), new StockLine("CW-NONE", 1))));
    assertThat(unknown.code()).isEqualTo("PRODUCT_NOT_FOUND");
    assertThat(unknown.fieldErrors())
        .containsExactly(new FieldError("lines/1/sku", "no product has SKU CW-NONE"));
    assertThat(
            failure(
                    InventoryContract.QUOTE,
                    new Quote(
                        List.of(new StockLine("CW-MUG-01", 1), new StockLine("US-MUG-01", 1))))
                .code())
        .isEqualTo("MIXED_CURRENCIES");
    assertThat(
            failure(
                    InventoryContract.QUOTE,
                    new Quote(
                        List.of(new StockLine("CW-MUG-01", 0), new StockLine("CW-MUG-01", 1))))
                .fieldErrors())
        .extracting(FieldError::field)
        .containsExactly("lines/0/quantity", "lines/1/sku");
  }

  @Test
  @DisplayName(
      "restocks in one batch: each applied once and in order with its event, a refused one answered in its place and the rest applied")
  void restocksInOneBatch() {
    create("CW-MUG-01", "Cartwheel mug", 1290, 10);
    create("CW-TEE-M", "T-shirt", 2490, 0);
    request(InventoryContract.RESTOCK, new Restock("CW-MUG-01", 5, "delivery-1"), Product.class);

    RestockResults results =
        request(
            InventoryContract.RESTOCK_ALL,
            new RestockAll(
                List.of(
                    new Restock("CW-MUG-01", 5, "delivery-1"),
                    new Restock("CW-MUG-01", 2, "delivery-2"),
                    new Restock("CW-NONE", 1, "delivery-3"),
                    new Restock("CW-TEE-M", 4, "delivery-4"),
                    new Restock("CW-MUG-01", 2, "delivery-2"),
                    new Restock("CW-TEE-M", 0, "delivery-5"),
                    new Restock("CW-MUG-01", 3, null))),
            RestockResults.class);

    assertThat(results.results())
        .extracting(RestockResults.Result::code)
        .containsExactly(null, null, "PRODUCT_NOT_FOUND", null, null, "VALIDATION_FAILED", null);
    assertThat(results.results().get(2).detail()).isEqualTo("No product has SKU CW-NONE.");
    assertThat(product("CW-MUG-01").stockOnHand()).as("10 + 5 + 2 + 3").isEqualTo(20);
    assertThat(product("CW-TEE-M").stockOnHand()).isEqualTo(4);
    await()
        .untilAsserted(
            () ->
                assertThat(
                        events.stream()
                            .filter(StockRestocked.class::isInstance)
                            .map(StockRestocked.class::cast)
                            .map(
                                event ->
                                    event.sku()
                                        + "+"
                                        + event.quantity()
                                        + "="
                                        + event.stockOnHand()))
                    .as("one event per restock applied, each with the stock after it")
                    .containsExactly(
                        "CW-MUG-01+5=15", "CW-MUG-01+2=17", "CW-TEE-M+4=4", "CW-MUG-01+3=20"));
  }

  @Test
  @DisplayName("a reservation holds every line or none, and the events say which")
  void reserveAllOrNothing() {
    create("CW-MUG-01", "Cartwheel mug", 1290, 10);
    create("CW-TEE-M", "T-shirt", 2490, 1);
    UUID held = UUID.randomUUID();
    UUID refused = UUID.randomUUID();

    Reservation reservation =
        request(
            InventoryContract.RESERVE,
            new Reserve(held, List.of(new StockLine("CW-TEE-M", 1), new StockLine("CW-MUG-01", 3))),
            Reservation.class);
    DomainFailure outOfStock =
        failure(
            InventoryContract.RESERVE,
            new Reserve(
                refused, List.of(new StockLine("CW-MUG-01", 2), new StockLine("CW-TEE-M", 1))));

    assertThat(reservation.status()).isEqualTo(ReservationStatus.HELD);
    assertThat(reservation.lines())
        .containsExactly(new StockLine("CW-MUG-01", 3), new StockLine("CW-TEE-M", 1));
    assertThat(outOfStock.code()).isEqualTo("OUT_OF_STOCK");
    assertThat(outOfStock.fieldErrors())
        .containsExactly(new FieldError("CW-TEE-M", "asked for 1, 0 available"));
    assertThat(product("CW-MUG-01").reserved())
        .as("nothing held for the refused order")
        .isEqualTo(3);
    await()
        .untilAsserted(
            () ->
                assertThat(events)
                    .anySatisfy(
                        event ->
                            assertThat(event)
                                .isInstanceOfSatisfying(
                                    StockReserved.class,
                                    reserved -> assertThat(reserved.orderId()).isEqualTo(held))));
    await()
        .untilAsserted(
            () ->
                assertThat(events)
                    .anySatisfy(
                        event ->
                            assertThat(event)
                                .isInstanceOfSatisfying(
                                    StockRejected.class,
                                    rejected ->
                                        assertThat(rejected.unavailable())
                                            .containsExactly(new StockLine("CW-TEE-M", 1)))));
  }

  @Test
  @DisplayName("reserve, commit and release are idempotent on the order id")
  void idempotentOnTheOrderId() {
    create("CW-MUG-01", "Cartwheel mug", 1290, 10);
    UUID order = UUID.randomUUID();
    Reserve reserve = new Reserve(order, List.of(new StockLine("CW-MUG-01", 4)));

    request(InventoryContract.RESERVE, reserve, Reservation.class);
    request(InventoryContract.RESERVE, reserve, Reservation.class);
    assertThat(product("CW-MUG-01").reserved()).isEqualTo(4);

    request(InventoryContract.COMMIT, new CommitReservation(order), Reservation.class);
    Reservation again =
        request(InventoryContract.COMMIT, new CommitReservation(order), Reservation.class);
    assertThat(again.status()).isEqualTo(ReservationStatus.COMMITTED);
    assertThat(product("CW-MUG-01"))
        .extracting(Product::stockOnHand, Product::reserved)
        .containsExactly(6, 0);
    assertThat(failure(InventoryContract.RELEASE, new ReleaseReservation(order, "late")).code())
        .isEqualTo("RESERVATION_COMMITTED");

    UUID released = UUID.randomUUID();
    request(
        InventoryContract.RESERVE,
        new Reserve(released, List.of(new StockLine("CW-MUG-01", 2))),
        Reservation.class);
    request(
        InventoryContract.RELEASE,
        new ReleaseReservation(released, "payment-declined"),
        Reservation.class);
    request(
        InventoryContract.RELEASE,
        new ReleaseReservation(released, "payment-declined"),
        Reservation.class);
    assertThat(product("CW-MUG-01"))
        .extracting(Product::stockOnHand, Product::reserved)
        .containsExactly(6, 0);
    assertThat(failure(InventoryContract.COMMIT, new CommitReservation(released)).code())
        .isEqualTo("RESERVATION_ENDED");
    assertThat(failure(InventoryContract.COMMIT, new CommitReservation(UUID.randomUUID())).code())
        .isEqualTo("RESERVATION_NOT_FOUND");
  }

  @Test
  @DisplayName(
      "a release that overtakes its reserve leaves a marker: the late reserve holds nothing")
  void releaseBeforeReserveHoldsNothing() {
    create("CW-MUG-01", "Cartwheel mug", 1290, 10);
    UUID order = UUID.randomUUID();

    Reservation released =
        request(
            InventoryContract.RELEASE,
            new ReleaseReservation(order, "inventory-unavailable"),
            Reservation.class);
    DomainFailure late =
        failure(
            InventoryContract.RESERVE, new Reserve(order, List.of(new StockLine("CW-MUG-01", 2))));

    assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
    assertThat(late.code()).isEqualTo("RESERVATION_ENDED");
    assertThat(product("CW-MUG-01").reserved()).isZero();
  }

  @Test
  @DisplayName(
      "a hold not committed in time expires: the stock returns, an event says so, and a late commit is refused")
  void holdsExpire() {
    create("CW-MUG-01", "Cartwheel mug", 1290, 10);
    UUID order = UUID.randomUUID();
    request(
        InventoryContract.RESERVE,
        new Reserve(order, List.of(new StockLine("CW-MUG-01", 3))),
        Reservation.class);

    await()
        .atMost(10, TimeUnit.SECONDS)
        .untilAsserted(() -> assertThat(product("CW-MUG-01").reserved()).isZero());

    await()
        .untilAsserted(
            () ->
                assertThat(events)
                    .anySatisfy(
                        event ->
                            assertThat(event)
                                .isInstanceOfSatisfying(
                                    ReservationExpired.class,
                                    expired -> assertThat(expired.orderId()).isEqualTo(order))));
    assertThat(failure(InventoryContract.COMMIT, new CommitReservation(order)).code())
        .isEqualTo("RESERVATION_ENDED");
    assertThat(product("CW-MUG-01").stockOnHand()).isEqualTo(10);
  }

  @Test
  @DisplayName(
      "under concurrent reservations (several instances, crossing lines) stock is never over-held and nothing deadlocks")
  void concurrentReservationsNeverOverHold() {
    create("CW-MUG-01", "Cartwheel mug", 1290, 25);
    create("CW-TEE-M", "T-shirt", 2490, 25);

    List<Future<Object>> attempts =
        IntStream.range(0, 120)
            .mapToObj(
                i -> {
                  List<StockLine> lines =
                      i % 2 == 0
                          ? List.of(new StockLine("CW-MUG-01", 1), new StockLine("CW-TEE-M", 1))
                          : List.of(new StockLine("CW-TEE-M", 1), new StockLine("CW-MUG-01", 1));
                  return bus.request(
                          InventoryContract.RESERVE, new Reserve(UUID.randomUUID(), lines))
                      .map(message -> message.body());
                })
            .toList();
    Future.join(attempts).otherwiseEmpty().await();

    long held = attempts.stream().filter(Future::succeeded).count();
    assertThat(held).isEqualTo(25);
    assertThat(
            attempts.stream()
                .filter(Future::failed)
                .map(attempt -> ((DomainFailure) attempt.cause()).code()))
        .containsOnly("OUT_OF_STOCK");
    assertThat(product("CW-MUG-01"))
        .extracting(Product::stockOnHand, Product::reserved)
        .containsExactly(25, 25);
    assertThat(product("CW-TEE-M"))
        .extracting(Product::stockOnHand, Product::reserved)
        .containsExactly(25, 25);
  }

  @Test
  @DisplayName("with several relays (instances) running, each event is published once")
  void eachEventIsPublishedOnce() {
    create("CW-MUG-01", "Cartwheel mug", 1290, 100);
    for (int i = 0; i < 20; i++) {
      request(
          InventoryContract.RESERVE,
          new Reserve(UUID.randomUUID(), List.of(new StockLine("CW-MUG-01", 1))),
          Reservation.class);
    }

    await()
        .untilAsserted(
            () -> assertThat(events).filteredOn(StockReserved.class::isInstance).hasSize(20));
    assertThat(eventIds).doesNotHaveDuplicates().hasSize(21);
    assertThat(
            TestServices.queryOne(
                "SELECT count(*) FROM inventory.outbox WHERE published_at IS NULL"))
        .isEqualTo("0");
  }

  @Test
  @DisplayName(
      "the demo catalogue is seeded once, each product with its ProductCreated, as an administrator's would be")
  void theDemoCatalogueIsPublished() {
    create("CW-MUG-01", "An administrator's mug", 990, 3);
    deploy(Map.of("inventory.seedDemoCatalogue", "true"), 1);
    deploy(Map.of("inventory.seedDemoCatalogue", "true"), 1);

    List<String> seeded = DemoCatalogue.PRODUCTS.stream().map(CreateProduct::sku).toList();
    await()
        .untilAsserted(
            () ->
                assertThat(events)
                    .filteredOn(ProductCreated.class::isInstance)
                    .extracting(event -> ((ProductCreated) event).product().sku())
                    .containsExactlyInAnyOrderElementsOf(seeded));
    assertThat(product("CW-MUG-01").name())
        .as("a SKU taken before is left alone")
        .isEqualTo("An administrator's mug");
    assertThat(
            TestServices.queryOne(
                "SELECT count(*) FROM inventory.outbox WHERE address = '"
                    + InventoryContract.PRODUCT_CREATED
                    + "'"))
        .as("one event per product, however many seeds ran")
        .isEqualTo(String.valueOf(seeded.size()));
  }

  private void deploy(Map<String, String> overrides, int instances) {
    JsonObject config = TestConfig.forServices(vertx, overrides);
    vertx
        .deployVerticle(
            InventoryVerticle.class,
            new DeploymentOptions().setConfig(config).setInstances(instances))
        .await();
  }

  private Product create(String sku, String name, long price, int stock) {
    return request(
        InventoryContract.CREATE_PRODUCT,
        new CreateProduct(sku, name, "", price, "EUR", stock),
        Product.class);
  }

  private Product product(String sku) {
    return request(InventoryContract.GET_PRODUCT, new GetProduct(sku), Product.class);
  }

  private <T> T request(String address, Object body, Class<T> type) {
    return type.cast(bus.request(address, body).await().body());
  }

  private DomainFailure failure(String address, Object body) {
    return catchThrowableOfType(DomainFailure.class, () -> bus.request(address, body).await());
  }
}
