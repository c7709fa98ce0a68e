package dev.cartwheel.codecs.inventory;

import dev.cartwheel.codecs.DomainEvent;
import java.util.List;
import java.util.Map;

/** The inventory domain on the event bus: products, stock and per-order reservations. */
public final class InventoryContract {

  public static final String DOMAIN = "inventory";

  /** {@link ListProducts} → {@link ProductPage}. */
  public static final String LIST_PRODUCTS = "inventory.cmd.list-products";

  /** {@link GetProduct} → {@link Product}; PRODUCT_NOT_FOUND. */
  public static final String GET_PRODUCT = "inventory.cmd.get-product";

  /** {@link CreateProduct} → {@link Product}; SKU_TAKEN, VALIDATION_FAILED. */
  public static final String CREATE_PRODUCT = "inventory.cmd.create-product";

  /** {@link Restock} → {@link Product}; PRODUCT_NOT_FOUND. Idempotent on its restock id when it has one. */
  public static final String RESTOCK = "inventory.cmd.restock";

  /**
   * {@link RestockAll} → {@link RestockResults}: every restock in one transaction, in order, each as RESTOCK
   * would apply it; one refused (PRODUCT_NOT_FOUND, VALIDATION_FAILED) is answered in its result and leaves
   * the others applied.
   */
  public static final String RESTOCK_ALL = "inventory.cmd.restock-all";

  /** {@link Quote} → {@link Quotation}: prices lines without holding stock; PRODUCT_NOT_FOUND, MIXED_CURRENCIES. */
  public static final String QUOTE = "inventory.cmd.quote";

  /** {@link Reserve} → {@link Reservation}: all lines or none, idempotent on the order id; OUT_OF_STOCK, RESERVATION_ENDED. */
  public static final String RESERVE = "inventory.cmd.reserve";

  /** {@link CommitReservation} → {@link Reservation}: the held stock leaves; idempotent; RESERVATION_ENDED, RESERVATION_NOT_FOUND. */
  public static final String COMMIT = "inventory.cmd.commit";

  /** {@link ReleaseReservation} → {@link Reservation}: the held stock returns; idempotent (releasing nothing is fine); RESERVATION_COMMITTED. */
  public static final String RELEASE = "inventory.cmd.release";

  public static final String PRODUCT_CREATED = "inventory.evt.product-created";
  public static final String STOCK_RESTOCKED = "inventory.evt.stock-restocked";
  public static final String STOCK_RESERVED = "inventory.evt.stock-reserved";
  public static final String STOCK_REJECTED = "inventory.evt.stock-rejected";
  public static final String STOCK_COMMITTED = "inventory.evt.stock-committed";
  public static final String STOCK_RELEASED = "inventory.evt.stock-released";
  public static final String RESERVATION_EXPIRED = "inventory.evt.reservation-expired";

  /** Every event this domain publishes, by address. */
  public static final Map<String, Class<? extends DomainEvent>> EVENTS =
      Map.of(
          PRODUCT_CREATED, ProductCreated.class,
          STOCK_RESTOCKED, StockRestocked.class,
          STOCK_RESERVED, StockReserved.class,
          STOCK_REJECTED, StockRejected.class,
          STOCK_COMMITTED, StockCommitted.class,
          STOCK_RELEASED, StockReleased.class,
          RESERVATION_EXPIRED, ReservationExpired.class);

  public static final List<Class<? extends Record>> MESSAGES =
      List.of(
          ListProducts.class,
          ProductPage.class,
          GetProduct.class,
          Product.class,
          CreateProduct.class,
          Restock.class,
          RestockAll.class,
          RestockResults.class,
          Quote.class,
          Quotation.class,
          Reserve.class,
          Reservation.class,
          CommitReservation.class,
          ReleaseReservation.class,
          ProductCreated.class,
          StockRestocked.class,
          StockReserved.class,
          StockRejected.class,
          StockCommitted.class,
          StockReleased.class,
          ReservationExpired.class);

  private InventoryContract() {}
}
