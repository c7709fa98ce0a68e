package dev.cartwheel.gateway;

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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.UUID;

/**
 * HTTP ↔ orders. Placing answers 201 with a final order, or 202 with a PENDING one and its Location;
 * someone else's order is a 404, as if it did not exist.
 */
final class OrdersRoutes {

  private final DomainClient domains;

  OrdersRoutes(DomainClient domains) {
    this.domains = domains;
  }

  void place(RoutingContext rc) {
    UUID userId = Access.userId(rc);
    if (userId == null) {
      return;
    }
    JsonObject body = rc.body().asJsonObject();
    List<OrderLine> lines = body.getJsonArray("lines").stream()
      .map(JsonObject.class::cast)
      .map(line -> new OrderLine(line.getString("sku"), line.getInteger("quantity")))
      .toList();
    PlaceOrder command = new PlaceOrder(userId, rc.request().getHeader("Idempotency-Key"), lines, body.getString("paymentToken"));
    domains.<Order>request(OrdersContract.DOMAIN, OrdersContract.PLACE, command, RequestIds.of(rc))
      .onSuccess(order -> rc.response()
        .setStatusCode(order.status() == OrderStatus.PENDING ? 202 : 201)
        .putHeader("Location", "/api/v1/orders/" + order.id())
        .putHeader("Content-Type", "application/json")
        .end(Representations.order(order).toBuffer()))
      .onFailure(rc::fail);
  }

  void list(RoutingContext rc) {
    UUID userId = Access.userId(rc);
    if (userId == null) {
      return;
    }
    Paging paging = Paging.of(rc);
    domains.<OrderPage>request(OrdersContract.DOMAIN, OrdersContract.LIST, new ListOrders(userId, paging.page(), paging.size()), RequestIds.of(rc))
      .onSuccess(page -> rc.json(Representations.orders(page)))
      .onFailure(rc::fail);
  }

  void get(RoutingContext rc) {
    Requester requester = Access.requester(rc);
    if (requester == null) {
      return;
    }
    domains.<Order>request(OrdersContract.DOMAIN, OrdersContract.GET, new GetOrder(UUID.fromString(rc.pathParam("id")), requester), RequestIds.of(rc))
      .onSuccess(order -> rc.json(Representations.order(order)))
      .onFailure(rc::fail);
  }

  void cancel(RoutingContext rc) {
    Requester requester = Access.requester(rc);
    if (requester == null) {
      return;
    }
    domains.<Order>request(OrdersContract.DOMAIN, OrdersContract.CANCEL, new CancelOrder(UUID.fromString(rc.pathParam("id")), requester), RequestIds.of(rc))
      .onSuccess(order -> rc.json(Representations.order(order)))
      .onFailure(rc::fail);
  }
}
