package dev.cartwheel.gateway.stream;

import dev.cartwheel.codecs.notifications.Notification;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.gateway.routes.Representations;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** The JSON messages of the live stream (see the README's protocol section). */
final class StreamMessages {

  static final String READY = "ready";
  static final String ORDER_STATUS = "order.status";
  static final String NOTIFICATION = "notification";
  static final String ORDER = "order";

  private StreamMessages() {}

  /** A notification of the user's feed: an order.status when it is about an order's status, else a notification. */
  static JsonObject of(Notification notification) {
    return new JsonObject()
        .put("type", notification.orderStatus() != null ? ORDER_STATUS : NOTIFICATION)
        .put("id", notification.id().toString())
        .put("time", notification.createdAt().toString())
        .put("notification", Representations.notification(notification));
  }

  /** Any order's change, for administrators who watch them all. */
  static JsonObject order(UUID eventId, Instant occurredAt, Order order) {
    return new JsonObject()
        .put("type", ORDER)
        .put("id", eventId.toString())
        .put("time", occurredAt.toString())
        .put("order", Representations.order(order));
  }

  /** Sent once, after what a resume replayed; {@code complete} is false when there was more to replay than one go sends. */
  static JsonObject ready(int resumed, boolean complete) {
    return new JsonObject().put("type", READY).put("resumed", resumed).put("complete", complete);
  }
}
