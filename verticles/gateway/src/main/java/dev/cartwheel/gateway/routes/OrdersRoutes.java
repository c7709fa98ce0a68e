package dev.cartwheel.gateway.routes;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.orders.CancelOrder;
import dev.cartwheel.codecs.orders.GetOrder;
import dev.cartwheel.codecs.orders.ListOrders;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderLine;
import dev.cartwheel.codecs.orders.OrderPage;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.orders.PlaceOrder;
import dev.cartwheel.codecs.orders.Requester;
import dev.cartwheel.gateway.api.ApiPaths;
import dev.cartwheel.gateway.domains.DomainClient;
import dev.cartwheel.gateway.security.Access;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * HTTP ↔ orders, in the shape of one API version. Placing answers 201 with a final order, or 202 with a
 * PENDING one and its Location; someone else's order is a 404, as if it did not exist.
 */
final class OrdersRoutes {

  /** How a version names an order's lines in requests, writes an order, and where its orders live. */
  // representation is a static method reference: stateless, so the constants are immutable after
  // all
  @SuppressWarnings("ImmutableEnumChecker")
  enum Shape {
    V1("lines", Representations::order, ApiPaths.V1_ORDERS),
    V2("items", Representations::orderV2, ApiPaths.V2_ORDERS);

    private final String linesField;
    private final Function<Order, JsonObject> representation;
    private final String orders;

    Shape(String linesField, Function<Order, JsonObject> representation, String orders) {
      this.linesField = linesField;
      this.representation = representation;
      this.orders = orders;
    }
  }

  private static final String LINES = "lines";

  private final DomainClient domains;
  private final Shape shape;

  OrdersRoutes(DomainClient domains, Shape shape) {
    this.domains = domains;
    this.shape = shape;
  }

  void place(RoutingContext rc) {
    UUID userId = Access.userId(rc);
    if (userId == null) {
      return;
    }
    JsonObject body = rc.body().asJsonObject();
    List<OrderLine> lines =
        body.getJsonArray(shape.linesField).stream()
            .map(JsonObject.class::cast)
            .map(line -> new OrderLine(line.getString("sku"), line.getInteger("quantity")))
            .toList();
    PlaceOrder command =
        new PlaceOrder(
            userId,
            rc.request().getHeader("Idempotency-Key"),
            lines,
            body.getString("paymentToken"));
    domains
        .<Order>request(OrdersContract.DOMAIN, OrdersContract.PLACE, command, rc)
        .onSuccess(
            order ->
                rc.response()
                    .setStatusCode(order.status() == OrderStatus.PENDING ? 202 : 201)
                    .putHeader("Location", shape.orders + "/" + order.id())
                    .putHeader("Content-Type", "application/json")
                    .end(shape.representation.apply(order).toBuffer()))
        .onFailure(error -> rc.fail(inShape(error)));
  }

  /** The orders domain names lines "lines/<i>/..."; in a version that calls them otherwise, so does the answer. */
  private Throwable inShape(Throwable error) {
    if (!(error instanceof DomainFailure failure)
        || shape.linesField.equals(LINES)
        || failure.fieldErrors().isEmpty()) {
      return error;
    }
    List<FieldError> renamed =
        failure.fieldErrors().stream()
            .map(
                field ->
                    field.field().startsWith(LINES)
                        ? new FieldError(
                            shape.linesField + field.field().substring(LINES.length()),
                            field.message())
                        : field)
            .toList();
    return new DomainFailure(
        failure.failureCode(), failure.code(), failure.kind(), failure.getMessage(), renamed);
  }

  void list(RoutingContext rc) {
    UUID userId = Access.userId(rc);
    if (userId == null) {
      return;
    }
    Paging paging = Paging.of(rc);
    domains
        .<OrderPage>request(
            OrdersContract.DOMAIN,
            OrdersContract.LIST,
            new ListOrders(userId, paging.page(), paging.size()),
            rc)
        .onSuccess(page -> rc.json(Representations.page(page, shape.representation)))
        .onFailure(rc::fail);
  }

  void get(RoutingContext rc) {
    Requester requester = Access.requester(rc);
    if (requester == null) {
      return;
    }
    domains
        .<Order>request(
            OrdersContract.DOMAIN,
            OrdersContract.GET,
            new GetOrder(UUID.fromString(rc.pathParam("id")), requester),
            rc)
        .onSuccess(order -> rc.json(shape.representation.apply(order)))
        .onFailure(rc::fail);
  }

  void cancel(RoutingContext rc) {
    Requester requester = Access.requester(rc);
    if (requester == null) {
      return;
    }
    domains
        .<Order>request(
            OrdersContract.DOMAIN,
            OrdersContract.CANCEL,
            new CancelOrder(UUID.fromString(rc.pathParam("id")), requester),
            rc)
        .onSuccess(
            order -> {
              // still compensating after the domain's wait: 202 and where to poll, as for a slow
              // placement
              if (order.status() == OrderStatus.PENDING) {
                rc.response()
                    .setStatusCode(202)
                    .putHeader("Location", shape.orders + "/" + order.id());
              }
              rc.json(shape.representation.apply(order));
            })
        .onFailure(rc::fail);
  }
}
