package dev.cartwheel.gateway.routes;

import dev.cartwheel.codecs.inventory.Product;
import dev.cartwheel.codecs.inventory.ProductPage;
import dev.cartwheel.codecs.notifications.Notification;
import dev.cartwheel.codecs.notifications.NotificationPage;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderPage;
import dev.cartwheel.codecs.users.Session;
import dev.cartwheel.codecs.users.UserProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/** The public JSON shapes of the API (see the OpenAPI document), built explicitly so they never drift with the records. */
public final class Representations {

  private Representations() {}

  static JsonObject profile(UserProfile user) {
    return new JsonObject()
        .put("id", user.id().toString())
        .put("email", user.email())
        .put("fullName", user.fullName())
        .put("roles", new JsonArray(user.roles()))
        .put("createdAt", user.createdAt().toString());
  }

  static JsonObject product(Product product) {
    return new JsonObject()
        .put("sku", product.sku())
        .put("name", product.name())
        .put("description", product.description())
        .put("priceMinor", product.priceMinor())
        .put("currency", product.currency())
        .put("stockOnHand", product.stockOnHand())
        .put("reserved", product.reserved())
        .put("available", product.available());
  }

  static JsonObject products(ProductPage page) {
    JsonArray items = new JsonArray();
    page.items().forEach(product -> items.add(product(product)));
    return page(items, page.page(), page.size(), page.total());
  }

  public static JsonObject order(Order order) {
    JsonArray lines = new JsonArray();
    order
        .lines()
        .forEach(
            line ->
                lines.add(
                    new JsonObject()
                        .put("sku", line.sku())
                        .put("quantity", line.quantity())
                        .put("unitPriceMinor", line.unitPriceMinor())));
    JsonObject json =
        new JsonObject()
            .put("id", order.id().toString())
            .put("userId", order.userId().toString())
            .put("status", order.status().name())
            .put("lines", lines)
            .put("totalMinor", order.totalMinor())
            .put("currency", order.currency())
            .put("createdAt", order.createdAt().toString())
            .put("updatedAt", order.updatedAt().toString());
    if (order.cancelReason() != null) {
      json.put("cancelReason", order.cancelReason());
    }
    return json;
  }

  /** An order as version 2 shows it: items, money as objects, the cancellation as an object. */
  static JsonObject orderV2(Order order) {
    JsonArray items = new JsonArray();
    order
        .lines()
        .forEach(
            line ->
                items.add(
                    new JsonObject()
                        .put("sku", line.sku())
                        .put("quantity", line.quantity())
                        .put("unitPrice", money(line.unitPriceMinor(), order.currency()))));
    JsonObject json =
        new JsonObject()
            .put("id", order.id().toString())
            .put("status", order.status().name())
            .put("items", items)
            .put("total", money(order.totalMinor(), order.currency()))
            .put("placedAt", order.createdAt().toString())
            .put("updatedAt", order.updatedAt().toString());
    if (order.cancelReason() != null) {
      json.put("cancellation", new JsonObject().put("reason", order.cancelReason()));
    }
    return json;
  }

  static JsonObject page(OrderPage page, Function<Order, JsonObject> representation) {
    JsonArray items = new JsonArray();
    page.items().forEach(order -> items.add(representation.apply(order)));
    return page(items, page.page(), page.size(), page.total());
  }

  private static JsonObject money(long amountMinor, String currency) {
    return new JsonObject().put("amountMinor", amountMinor).put("currency", currency);
  }

  public static JsonObject notification(Notification notification) {
    JsonObject json =
        new JsonObject()
            .put("id", notification.id().toString())
            .put("kind", notification.kind())
            .put("title", notification.title())
            .put("body", notification.body())
            .put("createdAt", notification.createdAt().toString());
    if (notification.orderId() != null) {
      json.put("orderId", notification.orderId().toString());
    }
    if (notification.orderStatus() != null) {
      json.put("orderStatus", notification.orderStatus());
    }
    if (notification.cancelReason() != null) {
      json.put("cancelReason", notification.cancelReason());
    }
    if (notification.readAt() != null) {
      json.put("readAt", notification.readAt().toString());
    }
    return json;
  }

  static JsonObject notifications(NotificationPage page) {
    JsonArray items = new JsonArray();
    page.items().forEach(notification -> items.add(notification(notification)));
    return page(items, page.page(), page.size(), page.total());
  }

  private static JsonObject page(JsonArray items, int page, int size, long total) {
    return new JsonObject()
        .put("items", items)
        .put("page", page)
        .put("size", size)
        .put("total", total);
  }

  static JsonObject session(Session session) {
    return new JsonObject()
        .put("user", profile(session.user()))
        .put("token", session.token())
        .put("tokenType", "Bearer")
        .put("expiresAt", session.expiresAt().toString());
  }
}
