package dev.cartwheel.inventory;

import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.inventory.CommitReservation;
import dev.cartwheel.codecs.inventory.CreateProduct;
import dev.cartwheel.codecs.inventory.GetProduct;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.InventoryError;
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
import dev.cartwheel.codecs.inventory.StockCommitted;
import dev.cartwheel.codecs.inventory.StockLine;
import dev.cartwheel.codecs.inventory.StockRejected;
import dev.cartwheel.codecs.inventory.StockReleased;
import dev.cartwheel.codecs.inventory.StockReserved;
import dev.cartwheel.codecs.inventory.StockRestocked;
import dev.cartwheel.inventory.InventoryRepository.StoredReservation;
import dev.cartwheel.runtime.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The logic of the inventory domain. Every change runs in one transaction with its outbox event;
 * reservations are keyed by order id, so reserve, commit and release can be retried freely.
 */
final class InventoryService {

  /** What a reservation transaction settled on: the reservation, or the failure to answer after committing. */
  private record Settled(Reservation reservation, DomainFailure failure) {

    static Settled with(Reservation reservation) {
      return new Settled(reservation, null);
    }

    Future<Reservation> answer() {
      return failure == null ? Future.succeededFuture(reservation) : Future.failedFuture(failure);
    }
  }

  private final Pool pool;
  private final InventoryRepository repository;
  private final Outbox outbox;
  private final Runnable eventsWritten;
  private final Duration hold;

  /** @param eventsWritten called after each commit that wrote events (nudges the outbox relay) */
  InventoryService(
      Pool pool,
      InventoryRepository repository,
      Outbox outbox,
      Runnable eventsWritten,
      Duration hold) {
    this.pool = pool;
    this.repository = repository;
    this.outbox = outbox;
    this.eventsWritten = eventsWritten;
    this.hold = hold;
  }

  Future<ProductPage> listProducts(ListProducts query) {
    if (query.page() < 0 || query.size() < 1 || query.size() > 100) {
      return invalid(new FieldError("page", "page must be 0 or more, size 1 to 100"));
    }
    return repository.search(pool, query.query(), query.page(), query.size());
  }

  Future<Product> product(GetProduct query) {
    return repository
        .product(pool, query.sku())
        .compose(
            found ->
                found
                    .map(Future::succeededFuture)
                    .orElseGet(() -> Future.failedFuture(notFound(query.sku()))));
  }

  Future<Product> createProduct(CreateProduct command) {
    List<FieldError> errors = StockRules.product(command);
    if (!errors.isEmpty()) {
      return Future.failedFuture(DomainFailure.invalid(errors));
    }
    return write(
        tx ->
            repository
                .insertProduct(tx, command)
                .compose(product -> announceCreated(tx, product).map(product)));
  }

  /**
   * Adds the products whose SKU is not taken yet, each with its ProductCreated, as {@link #createProduct}
   * does: a consumer that builds its catalogue from the events sees the seeded products too.
   */
  Future<Void> seed(List<CreateProduct> products) {
    return write(
        tx -> {
          Future<Void> chain = Future.succeededFuture();
          for (CreateProduct product : products) {
            chain =
                chain
                    .compose(previous -> repository.insertProductIfAbsent(tx, product))
                    .compose(
                        inserted ->
                            inserted
                                .map(created -> announceCreated(tx, created))
                                .orElseGet(Future::succeededFuture));
          }
          return chain;
        });
  }

  Future<Product> restock(Restock command) {
    List<FieldError> errors = StockRules.restock(command.sku(), command.quantity());
    if (!errors.isEmpty()) {
      return Future.failedFuture(DomainFailure.invalid(errors));
    }
    return write(
        tx -> {
          Future<Boolean> firstTime =
              command.restockId() == null
                  ? Future.succeededFuture(true)
                  : repository
                      .product(tx, command.sku())
                      .compose(
                          found ->
                              found.isEmpty()
                                  ? Future.failedFuture(notFound(command.sku()))
                                  : repository.recordRestock(
                                      tx, command.restockId(), command.sku(), command.quantity()));
          return firstTime.compose(
              apply ->
                  apply
                      ? repository
                          .addStock(tx, command.sku(), command.quantity())
                          .compose(
                              updated ->
                                  updated
                                      .map(
                                          product ->
                                              append(
                                                      tx,
                                                      InventoryContract.STOCK_RESTOCKED,
                                                      new StockRestocked(
                                                          UUID.randomUUID(),
                                                          Instant.now(),
                                                          product.sku(),
                                                          command.quantity(),
                                                          product.stockOnHand()))
                                                  .map(product))
                                      .orElseGet(
                                          () -> Future.failedFuture(notFound(command.sku()))))
                      : repository.product(tx, command.sku()).map(found -> found.orElseThrow()));
        });
  }

  /**
   * Each restock as {@link #restock} would apply it, all in one transaction and in their order: the
   * products locked in SKU order, the restock ids recorded and the stock added in one statement each, an
   * event per applied restock (with the stock on hand after it). A restock of an unknown product, or an
   * invalid one, gets its error in its result; the others are applied.
   */
  Future<RestockResults> restockAll(RestockAll command) {
    List<Restock> restocks = command.restocks();
    RestockResults.Result[] results = new RestockResults.Result[restocks.size()];
    List<Integer> valid = new ArrayList<>();
    for (int i = 0; i < restocks.size(); i++) {
      List<FieldError> errors =
          StockRules.restock(restocks.get(i).sku(), restocks.get(i).quantity());
      if (errors.isEmpty()) {
        valid.add(i);
      } else {
        results[i] = result(DomainFailure.invalid(errors));
      }
    }
    if (valid.isEmpty()) {
      return Future.succeededFuture(new RestockResults(List.of(results)));
    }
    return write(
        tx ->
            repository
                .products(tx, valid.stream().map(i -> restocks.get(i).sku()).toList(), true)
                .compose(
                    known -> {
                      List<Integer> found = new ArrayList<>();
                      for (int i : valid) {
                        if (known.containsKey(restocks.get(i).sku())) {
                          found.add(i);
                        } else {
                          results[i] = result(notFound(restocks.get(i).sku()));
                        }
                      }
                      return firstTimes(tx, restocks, found);
                    })
                .compose(applying -> addStocks(tx, restocks, applying))
                .map(
                    applied -> {
                      for (int i = 0; i < results.length; i++) {
                        if (results[i] == null) {
                          results[i] = RestockResults.Result.APPLIED;
                        }
                      }
                      return new RestockResults(List.of(results));
                    }));
  }

  /** Of the restocks at {@code found}, those to apply now: without an id, or with one recorded for the first time. */
  private Future<List<Integer>> firstTimes(
      SqlClient tx, List<Restock> restocks, List<Integer> found) {
    List<Restock> withIds =
        found.stream().map(restocks::get).filter(restock -> restock.restockId() != null).toList();
    Future<Set<String>> recorded =
        withIds.isEmpty()
            ? Future.succeededFuture(Set.of())
            : repository.recordRestocks(tx, withIds);
    return recorded.map(
        ids -> {
          Set<String> unclaimed = new HashSet<>(ids);
          // a restock id twice in one batch is applied once, at its first place
          return found.stream()
              .filter(
                  i ->
                      restocks.get(i).restockId() == null
                          || unclaimed.remove(restocks.get(i).restockId()))
              .toList();
        });
  }

  /** Adds the stock of the restocks at {@code applying}, and appends an event for each. */
  private Future<Void> addStocks(SqlClient tx, List<Restock> restocks, List<Integer> applying) {
    if (applying.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<String, Integer> quantities = new TreeMap<>();
    applying.forEach(
        i -> quantities.merge(restocks.get(i).sku(), restocks.get(i).quantity(), Integer::sum));
    return repository
        .addStocks(tx, quantities)
        .compose(
            after -> {
              // from the last restock back: the stock before one is the stock after the one before
              Map<String, Integer> stock = new HashMap<>(after);
              StockRestocked[] events = new StockRestocked[applying.size()];
              for (int k = applying.size() - 1; k >= 0; k--) {
                Restock restock = restocks.get(applying.get(k));
                int afterThis = stock.get(restock.sku());
                events[k] =
                    new StockRestocked(
                        UUID.randomUUID(),
                        Instant.now(),
                        restock.sku(),
                        restock.quantity(),
                        afterThis);
                stock.put(restock.sku(), afterThis - restock.quantity());
              }
              return outbox.appendAll(tx, InventoryContract.STOCK_RESTOCKED, List.of(events));
            });
  }

  private static RestockResults.Result result(DomainFailure failure) {
    return new RestockResults.Result(failure.code(), failure.getMessage());
  }

  /** Prices the lines at today's prices, holding nothing. */
  Future<Quotation> quote(Quote query) {
    List<FieldError> errors = StockRules.lines(query.lines());
    if (!errors.isEmpty()) {
      return Future.failedFuture(DomainFailure.invalid(errors));
    }
    return repository
        .products(pool, skus(query.lines()), false)
        .compose(
            products -> {
              DomainFailure unknown = unknownProducts(query.lines(), products);
              if (unknown != null) {
                return Future.failedFuture(unknown);
              }
              List<String> currencies =
                  products.values().stream().map(Product::currency).distinct().toList();
              if (currencies.size() > 1) {
                return Future.failedFuture(
                    DomainFailure.of(
                        InventoryError.MIXED_CURRENCIES,
                        "These products are priced in different currencies: " + currencies + "."));
              }
              List<QuotedLine> lines =
                  query.lines().stream()
                      .map(
                          line ->
                              new QuotedLine(
                                  line.sku(),
                                  line.quantity(),
                                  products.get(line.sku()).priceMinor()))
                      .toList();
              long total =
                  lines.stream().mapToLong(line -> line.unitPriceMinor() * line.quantity()).sum();
              return Future.succeededFuture(new Quotation(lines, total, currencies.get(0)));
            });
  }

  /**
   * Holds every line or none. The reservation row is inserted first: a concurrent or repeated reserve for
   * the same order waits on it and then returns it. Product rows are locked in sku order, so concurrent
   * reservations never deadlock and never hold more than is available.
   */
  Future<Reservation> reserve(Reserve command) {
    List<FieldError> errors = StockRules.lines(command.lines());
    if (command.orderId() == null) {
      errors = new ArrayList<>(errors);
      errors.add(new FieldError("orderId", "is required"));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(DomainFailure.invalid(errors));
    }
    List<StockLine> lines =
        command.lines().stream().sorted(Comparator.comparing(StockLine::sku)).toList();
    return write(
            tx ->
                repository
                    .insertReservation(
                        tx, command.orderId(), ReservationStatus.HELD, hold.toSeconds())
                    .compose(
                        created ->
                            created
                                .map(expiresAt -> holdFor(tx, command.orderId(), lines, expiresAt))
                                .orElseGet(
                                    () ->
                                        repository
                                            .lockReservation(tx, command.orderId())
                                            .compose(
                                                existing ->
                                                    existingReservation(existing.orElseThrow())))))
        .recover(
            failure ->
                failure instanceof OutOfStock outOfStock
                    ? recordRejection(command.orderId(), outOfStock)
                    : Future.failedFuture(failure));
  }

  private Future<Reservation> holdFor(
      SqlClient tx, UUID orderId, List<StockLine> lines, Instant expiresAt) {
    return repository
        .products(tx, skus(lines), true)
        .compose(
            products -> {
              DomainFailure unknown = unknownProducts(lines, products);
              if (unknown != null) {
                return Future.failedFuture(unknown);
              }
              List<StockLine> short_ =
                  lines.stream()
                      .filter(line -> products.get(line.sku()).available() < line.quantity())
                      .toList();
              if (!short_.isEmpty()) {
                // failing the transaction rolls the reservation row back: nothing is held
                List<FieldError> errors =
                    short_.stream()
                        .map(
                            line ->
                                new FieldError(
                                    line.sku(),
                                    "asked for "
                                        + line.quantity()
                                        + ", "
                                        + Math.max(0, products.get(line.sku()).available())
                                        + " available"))
                        .toList();
                return Future.failedFuture(
                    new OutOfStock(
                        short_,
                        DomainFailure.of(
                            InventoryError.OUT_OF_STOCK,
                            "Not enough stock for " + short_.size() + " of the lines.",
                            errors)));
              }
              return repository
                  .holdFor(
                      tx,
                      orderId,
                      lines,
                      new StockReserved(UUID.randomUUID(), Instant.now(), orderId, lines))
                  .map(new Reservation(orderId, ReservationStatus.HELD, lines, expiresAt));
            });
  }

  private Future<Reservation> existingReservation(StoredReservation existing) {
    return switch (existing.status()) {
      case HELD, COMMITTED -> Future.succeededFuture(existing.view());
      default -> Future.failedFuture(ended(existing));
    };
  }

  private Future<Reservation> recordRejection(UUID orderId, OutOfStock outOfStock) {
    return write(
            tx ->
                append(
                    tx,
                    InventoryContract.STOCK_REJECTED,
                    new StockRejected(UUID.randomUUID(), Instant.now(), orderId, outOfStock.lines)))
        .compose(recorded -> Future.failedFuture(outOfStock.failure));
  }

  /** Rolls a reservation back; carries the lines that were short for the rejection event. */
  private static final class OutOfStock extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<StockLine> lines;
    private final DomainFailure failure;

    OutOfStock(List<StockLine> lines, DomainFailure failure) {
      super(failure.getMessage(), null, false, false);
      this.lines = lines;
      this.failure = failure;
    }
  }

  /** The held stock leaves the warehouse. A hold whose time is up is expired instead, and the commit refused. */
  Future<Reservation> commit(CommitReservation command) {
    return write(
            tx ->
                repository
                    .lockReservation(tx, command.orderId())
                    .compose(
                        found -> {
                          if (found.isEmpty()) {
                            return Future.succeededFuture(
                                new Settled(
                                    null,
                                    DomainFailure.of(
                                        InventoryError.RESERVATION_NOT_FOUND,
                                        "No reservation for this order.")));
                          }
                          StoredReservation reservation = found.get();
                          if (reservation.status() == ReservationStatus.HELD && reservation.due()) {
                            return expire(tx, reservation)
                                .map(expired -> new Settled(null, ended(expired)));
                          }
                          return switch (reservation.status()) {
                            case COMMITTED ->
                                Future.succeededFuture(Settled.with(reservation.view()));
                            case HELD ->
                                repository
                                    .takeFor(
                                        tx,
                                        reservation.orderId(),
                                        reservation.lines(),
                                        new StockCommitted(
                                            UUID.randomUUID(),
                                            Instant.now(),
                                            reservation.orderId(),
                                            reservation.lines()))
                                    .map(
                                        Settled.with(
                                            withStatus(reservation, ReservationStatus.COMMITTED)));
                            default ->
                                Future.succeededFuture(new Settled(null, ended(reservation)));
                          };
                        }))
        .compose(Settled::answer);
  }

  /**
   * The held stock returns. Releasing an order that never reserved leaves a RELEASED marker, so that a
   * reserve still on its way (the saga gave up waiting for it) holds nothing when it arrives.
   */
  Future<Reservation> release(ReleaseReservation command) {
    return write(
        tx ->
            repository
                .insertReservation(tx, command.orderId(), ReservationStatus.RELEASED, 0)
                .compose(
                    markerOnly ->
                        markerOnly.isPresent()
                            ? Future.succeededFuture(
                                new Reservation(
                                    command.orderId(),
                                    ReservationStatus.RELEASED,
                                    List.of(),
                                    Instant.now()))
                            : repository
                                .lockReservation(tx, command.orderId())
                                .compose(
                                    found -> {
                                      StoredReservation reservation = found.orElseThrow();
                                      return switch (reservation.status()) {
                                        case HELD ->
                                            repository
                                                .unhold(tx, reservation.lines())
                                                .compose(
                                                    released ->
                                                        repository.setStatus(
                                                            tx,
                                                            reservation.orderId(),
                                                            ReservationStatus.RELEASED))
                                                .compose(
                                                    updated ->
                                                        append(
                                                            tx,
                                                            InventoryContract.STOCK_RELEASED,
                                                            new StockReleased(
                                                                UUID.randomUUID(),
                                                                Instant.now(),
                                                                reservation.orderId(),
                                                                reservation.lines(),
                                                                command.reason())))
                                                .map(
                                                    withStatus(
                                                        reservation, ReservationStatus.RELEASED));
                                        case RELEASED, EXPIRED ->
                                            Future.succeededFuture(reservation.view());
                                        default ->
                                            Future.failedFuture(
                                                DomainFailure.of(
                                                    InventoryError.RESERVATION_COMMITTED,
                                                    "The order's stock has left the warehouse; it can no longer be released."));
                                      };
                                    })));
  }

  /** Expires up to {@code limit} holds whose time is up; safe to run on every node at once. */
  Future<Integer> expireDue(int limit) {
    return write(
        tx ->
            repository
                .lockDue(tx, limit)
                .compose(
                    due -> {
                      Future<Void> chain = Future.succeededFuture();
                      for (UUID orderId : due) {
                        chain =
                            chain
                                .compose(previous -> repository.lockReservation(tx, orderId))
                                .compose(found -> expire(tx, found.orElseThrow()))
                                .mapEmpty();
                      }
                      return chain.map(due.size());
                    }));
  }

  private Future<StoredReservation> expire(SqlClient tx, StoredReservation reservation) {
    return repository
        .unhold(tx, reservation.lines())
        .compose(
            released -> repository.setStatus(tx, reservation.orderId(), ReservationStatus.EXPIRED))
        .compose(
            updated ->
                append(
                    tx,
                    InventoryContract.RESERVATION_EXPIRED,
                    new ReservationExpired(
                        UUID.randomUUID(),
                        Instant.now(),
                        reservation.orderId(),
                        reservation.lines())))
        .map(
            new StoredReservation(
                reservation.orderId(),
                ReservationStatus.EXPIRED,
                reservation.expiresAt(),
                true,
                reservation.lines()));
  }

  /** Runs {@code work} in a transaction; after the commit, lets the outbox relay know. */
  private <T> Future<T> write(Function<SqlClient, Future<T>> work) {
    return pool.withTransaction(work::apply).onSuccess(done -> eventsWritten.run());
  }

  private Future<Void> announceCreated(SqlClient tx, Product product) {
    return append(
        tx,
        InventoryContract.PRODUCT_CREATED,
        new ProductCreated(UUID.randomUUID(), Instant.now(), product));
  }

  private Future<Void> append(SqlClient tx, String address, DomainEvent event) {
    return outbox.append(tx, address, event);
  }

  private static Reservation withStatus(StoredReservation reservation, ReservationStatus status) {
    return new Reservation(
        reservation.orderId(), status, reservation.lines(), reservation.expiresAt());
  }

  private static DomainFailure ended(StoredReservation reservation) {
    return DomainFailure.of(
        InventoryError.RESERVATION_ENDED,
        "The reservation "
            + reservation.status().name().toLowerCase(Locale.ROOT)
            + "; its stock is no longer held.");
  }

  private static DomainFailure notFound(String sku) {
    return DomainFailure.of(InventoryError.PRODUCT_NOT_FOUND, "No product has SKU " + sku + ".");
  }

  private static DomainFailure unknownProducts(
      List<StockLine> lines, Map<String, Product> products) {
    List<FieldError> unknown = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!products.containsKey(lines.get(i).sku())) {
        unknown.add(
            new FieldError("lines/" + i + "/sku", "no product has SKU " + lines.get(i).sku()));
      }
    }
    return unknown.isEmpty()
        ? null
        : DomainFailure.of(
            InventoryError.PRODUCT_NOT_FOUND,
            unknown.size() + " of the lines name no product.",
            unknown);
  }

  private static List<String> skus(List<StockLine> lines) {
    return lines.stream().map(StockLine::sku).toList();
  }

  private static <T> Future<T> invalid(FieldError error) {
    return Future.failedFuture(DomainFailure.invalid(List.of(error)));
  }
}
