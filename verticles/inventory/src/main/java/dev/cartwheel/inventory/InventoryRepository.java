package dev.cartwheel.inventory;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.inventory.CreateProduct;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.InventoryError;
import dev.cartwheel.codecs.inventory.Product;
import dev.cartwheel.codecs.inventory.ProductPage;
import dev.cartwheel.codecs.inventory.Reservation;
import dev.cartwheel.codecs.inventory.ReservationStatus;
import dev.cartwheel.codecs.inventory.Restock;
import dev.cartwheel.codecs.inventory.StockCommitted;
import dev.cartwheel.codecs.inventory.StockLine;
import dev.cartwheel.codecs.inventory.StockReserved;
import dev.cartwheel.runtime.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * SQL of the inventory domain. Every method takes the client to run on: the pool for a single
 * statement, or the connection of a transaction the service holds.
 */
final class InventoryRepository {

  /** A reservation as stored, with {@code due} when its hold has run out by the database's clock. */
  record StoredReservation(
      UUID orderId,
      ReservationStatus status,
      Instant expiresAt,
      boolean due,
      List<StockLine> lines) {

    Reservation view() {
      return new Reservation(orderId, status, lines, expiresAt);
    }
  }

  private static final String PRODUCT_COLUMNS =
      "sku, name, description, price_minor, currency, stock_on_hand, reserved";
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String PRODUCT =
      "SELECT " + PRODUCT_COLUMNS + " FROM inventory.products WHERE sku = $1";
  private static final String PRODUCTS =
      "SELECT " + PRODUCT_COLUMNS + " FROM inventory.products WHERE sku = ANY($1) ORDER BY sku";
  private static final String LOCK_PRODUCTS = PRODUCTS + " FOR UPDATE";
  private static final String SEARCH =
      "SELECT "
          + PRODUCT_COLUMNS
          + ", count(*) OVER () AS total FROM inventory.products"
          + " WHERE $1::text IS NULL OR sku ILIKE $1 OR name ILIKE $1 OR description ILIKE $1 ORDER BY sku LIMIT $2 OFFSET $3";
  private static final String INSERT_PRODUCT =
      "INSERT INTO inventory.products (sku, name, description, price_minor, currency, stock_on_hand)"
          + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING "
          + PRODUCT_COLUMNS;
  private static final String INSERT_PRODUCT_IF_ABSENT =
      "INSERT INTO inventory.products (sku, name, description, price_minor, currency, stock_on_hand)"
          + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sku) DO NOTHING RETURNING "
          + PRODUCT_COLUMNS;
  private static final String RECORD_RESTOCK =
      "INSERT INTO inventory.restocks (restock_id, sku, quantity) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";

  private static final String RECORD_RESTOCKS =
      "INSERT INTO inventory.restocks (restock_id, sku, quantity)"
          + " SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) ON CONFLICT DO NOTHING RETURNING restock_id";
  private static final String ADD_STOCKS =
      "UPDATE inventory.products p SET stock_on_hand = p.stock_on_hand + l.quantity, updated_at = now()"
          + " FROM unnest($1::text[], $2::int[]) AS l(sku, quantity) WHERE p.sku = l.sku"
          + " RETURNING p.sku, p.stock_on_hand";
  private static final String ADD_STOCK =
      "UPDATE inventory.products SET stock_on_hand = stock_on_hand + $2, updated_at = now()"
          + " WHERE sku = $1 RETURNING "
          + PRODUCT_COLUMNS;
  private static final String HOLD =
      "UPDATE inventory.products p SET reserved = p.reserved + l.quantity, updated_at = now()"
          + " FROM unnest($1::text[], $2::int[]) AS l(sku, quantity) WHERE p.sku = l.sku";
  private static final String UNHOLD =
      "UPDATE inventory.products p SET reserved = p.reserved - l.quantity, updated_at = now()"
          + " FROM unnest($1::text[], $2::int[]) AS l(sku, quantity) WHERE p.sku = l.sku";

  /** The held quantities leave the warehouse: stock_on_hand and reserved both drop, per line. */
  private static final String TAKE =
      "UPDATE inventory.products p SET stock_on_hand = p.stock_on_hand - l.quantity,"
          + " reserved = p.reserved - l.quantity, updated_at = now()"
          + " FROM unnest($1::text[], $2::int[]) AS l(sku, quantity) WHERE p.sku = l.sku";

  private static final String INSERT_RESERVATION =
      "INSERT INTO inventory.reservations (order_id, status, expires_at)"
          + " VALUES ($1, $2, now() + make_interval(secs => $3)) ON CONFLICT (order_id) DO NOTHING RETURNING expires_at";
  private static final String INSERT_LINES =
      "INSERT INTO inventory.reservation_lines (order_id, sku, quantity)"
          + " SELECT $3, sku, quantity FROM unnest($1::text[], $2::int[]) AS l(sku, quantity)";
  private static final String LOCK_RESERVATION =
      "WITH r AS (SELECT order_id, status, expires_at FROM inventory.reservations"
          + " WHERE order_id = $1 FOR UPDATE)"
          + " SELECT r.order_id, r.status, r.expires_at, r.expires_at <= now() AS due,"
          + " coalesce(array_agg(l.sku ORDER BY l.sku) FILTER (WHERE l.sku IS NOT NULL), '{}') AS skus,"
          + " coalesce(array_agg(l.quantity ORDER BY l.sku) FILTER (WHERE l.sku IS NOT NULL), '{}') AS quantities"
          + " FROM r LEFT JOIN inventory.reservation_lines l ON l.order_id = r.order_id GROUP BY r.order_id, r.status, r.expires_at";
  private static final String SET_STATUS =
      "UPDATE inventory.reservations SET status = $2, updated_at = now() WHERE order_id = $1";

  /** $1 skus, $2 quantities, $3 the order: the held stock and the reservation's lines. */
  private static final String HOLD_FOR =
      "changed AS (" + HOLD + " RETURNING p.sku), lines AS (" + INSERT_LINES + ")";

  /** $1 skus, $2 quantities, $3 the order: the held stock leaves, the reservation is committed. */
  private static final String TAKE_FOR =
      "changed AS (UPDATE inventory.reservations SET status = 'COMMITTED', updated_at = now()"
          + " WHERE order_id = $3 RETURNING order_id), taken AS ("
          + TAKE
          + ")";

  private static final String LOCK_DUE =
      "SELECT order_id FROM inventory.reservations WHERE status = 'HELD' AND expires_at <= now()"
          + " ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED";

  private final Outbox.Change holdFor;
  private final Outbox.Change takeFor;

  InventoryRepository(Outbox outbox) {
    this.holdFor = outbox.change(HOLD_FOR, "SELECT count(*) FROM changed", 3);
    this.takeFor = outbox.change(TAKE_FOR, "SELECT count(*) FROM changed", 3);
  }

  Future<Optional<Product>> product(SqlClient sql, String sku) {
    return sql.preparedQuery(PRODUCT)
        .execute(Tuple.of(sku))
        .map(rows -> first(rows, InventoryRepository::product));
  }

  /** The products with these skus, by sku; {@code lock} takes their row locks in sku order (no deadlocks). */
  Future<Map<String, Product>> products(SqlClient sql, List<String> skus, boolean lock) {
    return sql.preparedQuery(lock ? LOCK_PRODUCTS : PRODUCTS)
        .execute(Tuple.tuple().addArrayOfString(skus.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, Product> bySku = new LinkedHashMap<>();
              rows.forEach(row -> bySku.put(row.getString("sku"), product(row)));
              return bySku;
            });
  }

  Future<ProductPage> search(SqlClient sql, String query, int page, int size) {
    String pattern =
        query == null || query.isBlank()
            ? null
            : "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return sql.preparedQuery(SEARCH)
        .execute(Tuple.of(pattern, size, (long) page * size))
        .map(
            rows -> {
              List<Product> items = new ArrayList<>();
              long total = 0;
              for (Row row : rows) {
                items.add(product(row));
                total = row.getLong("total");
              }
              return new ProductPage(items, page, size, total);
            });
  }

  Future<Product> insertProduct(SqlClient sql, CreateProduct product) {
    return sql.preparedQuery(INSERT_PRODUCT)
        .execute(productTuple(product))
        .map(rows -> product(rows.iterator().next()))
        .recover(
            error ->
                Future.failedFuture(
                    error instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                        ? DomainFailure.of(
                            InventoryError.SKU_TAKEN, "A product with this SKU exists.")
                        : error));
  }

  Future<Optional<Product>> insertProductIfAbsent(SqlClient sql, CreateProduct product) {
    return sql.preparedQuery(INSERT_PRODUCT_IF_ABSENT)
        .execute(productTuple(product))
        .map(rows -> first(rows, InventoryRepository::product));
  }

  /** True the first time this restock id is recorded. */
  Future<Boolean> recordRestock(SqlClient sql, String restockId, String sku, int quantity) {
    return sql.preparedQuery(RECORD_RESTOCK)
        .execute(Tuple.of(restockId, sku, quantity))
        .map(result -> result.rowCount() == 1);
  }

  /** Records the restocks and answers the ids recorded now (not those recorded before). */
  Future<Set<String>> recordRestocks(SqlClient sql, List<Restock> restocks) {
    return sql.preparedQuery(RECORD_RESTOCKS)
        .execute(
            Tuple.tuple()
                .addArrayOfString(restocks.stream().map(Restock::restockId).toArray(String[]::new))
                .addArrayOfString(restocks.stream().map(Restock::sku).toArray(String[]::new))
                .addArrayOfInteger(
                    restocks.stream().map(Restock::quantity).toArray(Integer[]::new)))
        .map(rows -> collect(rows, row -> row.getString("restock_id")));
  }

  /** Adds each SKU's quantity (one per SKU) to its stock on hand; answers the stock on hand after, by SKU. */
  Future<Map<String, Integer>> addStocks(SqlClient sql, Map<String, Integer> quantities) {
    return sql.preparedQuery(ADD_STOCKS)
        .execute(
            Tuple.tuple()
                .addArrayOfString(quantities.keySet().toArray(String[]::new))
                .addArrayOfInteger(quantities.values().toArray(Integer[]::new)))
        .map(
            rows -> {
              Map<String, Integer> stock = new HashMap<>();
              rows.forEach(row -> stock.put(row.getString("sku"), row.getInteger("stock_on_hand")));
              return stock;
            });
  }

  private static Set<String> collect(RowSet<Row> rows, Function<Row, String> column) {
    Set<String> values = new HashSet<>();
    rows.forEach(row -> values.add(column.apply(row)));
    return values;
  }

  Future<Optional<Product>> addStock(SqlClient sql, String sku, int quantity) {
    return sql.preparedQuery(ADD_STOCK)
        .execute(Tuple.of(sku, quantity))
        .map(rows -> first(rows, InventoryRepository::product));
  }

  /** reserved -= quantity, per line. */
  Future<Void> unhold(SqlClient sql, List<StockLine> lines) {
    return lines.isEmpty()
        ? Future.succeededFuture()
        : lockInOrder(sql, lines)
            .compose(locked -> sql.preparedQuery(UNHOLD).execute(lineArrays(lines)))
            .mapEmpty();
  }

  /**
   * An UPDATE ... FROM unnest(...) locks rows in whatever order its plan visits them; two of them over the
   * same products could deadlock. Every transaction here locks products in sku order first.
   */
  private Future<Map<String, Product>> lockInOrder(SqlClient sql, List<StockLine> lines) {
    return products(sql, lines.stream().map(StockLine::sku).toList(), true);
  }

  /** Inserts the order's reservation row unless one exists: when this call created it, until when it holds. */
  Future<Optional<Instant>> insertReservation(
      SqlClient sql, UUID orderId, ReservationStatus status, long holdSeconds) {
    return sql.preparedQuery(INSERT_RESERVATION)
        .execute(Tuple.of(orderId, status.name(), (double) holdSeconds))
        .map(rows -> first(rows, row -> row.getOffsetDateTime("expires_at").toInstant()));
  }

  /**
   * Holds the lines' stock for the order and records its lines, with {@code reserved}, in one statement;
   * the caller has locked the products (see {@link #products}) and checked there is enough.
   */
  Future<Void> holdFor(SqlClient sql, UUID orderId, List<StockLine> lines, StockReserved reserved) {
    return holdFor
        .run(sql, lineArrays(lines).addValue(orderId), InventoryContract.STOCK_RESERVED, reserved)
        .mapEmpty();
  }

  /** The held stock of a HELD reservation leaves the warehouse, the reservation is COMMITTED, with {@code committed}. */
  Future<Void> takeFor(
      SqlClient sql, UUID orderId, List<StockLine> lines, StockCommitted committed) {
    return lockInOrder(sql, lines)
        .compose(
            locked ->
                takeFor.run(
                    sql,
                    lineArrays(lines).addValue(orderId),
                    InventoryContract.STOCK_COMMITTED,
                    committed))
        .mapEmpty();
  }

  Future<Optional<StoredReservation>> lockReservation(SqlClient sql, UUID orderId) {
    return sql.preparedQuery(LOCK_RESERVATION)
        .execute(Tuple.of(orderId))
        .map(rows -> first(rows, InventoryRepository::reservation));
  }

  Future<Void> setStatus(SqlClient sql, UUID orderId, ReservationStatus status) {
    return sql.preparedQuery(SET_STATUS).execute(Tuple.of(orderId, status.name())).mapEmpty();
  }

  /** Locks up to {@code limit} held reservations whose time is up, skipping those another node is handling. */
  Future<List<UUID>> lockDue(SqlClient sql, int limit) {
    return sql.preparedQuery(LOCK_DUE)
        .execute(Tuple.of(limit))
        .map(
            rows -> {
              List<UUID> due = new ArrayList<>();
              rows.forEach(row -> due.add(row.getUUID("order_id")));
              return due;
            });
  }

  private static Tuple productTuple(CreateProduct product) {
    return Tuple.of(
        product.sku(),
        product.name().trim(),
        product.description() == null ? "" : product.description(),
        product.priceMinor(),
        product.currency(),
        product.initialStock());
  }

  /** $1 the skus, $2 the quantities (unnest them together). */
  private static Tuple lineArrays(List<StockLine> lines) {
    return Tuple.tuple()
        .addArrayOfString(lines.stream().map(StockLine::sku).toArray(String[]::new))
        .addArrayOfInteger(lines.stream().map(StockLine::quantity).toArray(Integer[]::new));
  }

  private static Product product(Row row) {
    return new Product(
        row.getString("sku"),
        row.getString("name"),
        row.getString("description"),
        row.getLong("price_minor"),
        row.getString("currency"),
        row.getInteger("stock_on_hand"),
        row.getInteger("reserved"));
  }

  private static StoredReservation reservation(Row row) {
    String[] skus = row.getArrayOfStrings("skus");
    Integer[] quantities = row.getArrayOfIntegers("quantities");
    List<StockLine> lines = new ArrayList<>();
    for (int i = 0; i < skus.length; i++) {
      lines.add(new StockLine(skus[i], quantities[i]));
    }
    return new StoredReservation(
        row.getUUID("order_id"),
        ReservationStatus.valueOf(row.getString("status")),
        row.getOffsetDateTime("expires_at").toInstant(),
        row.getBoolean("due"),
        lines);
  }

  private static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(mapper.apply(iterator.next())) : Optional.empty();
  }
}
