package dev.cartwheel.gateway.stream;

import dev.cartwheel.codecs.notifications.NotificationCreated;
import dev.cartwheel.codecs.notifications.NotificationsContract;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderCancelled;
import dev.cartwheel.codecs.orders.OrderConfirmed;
import dev.cartwheel.codecs.orders.OrderPlaced;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.runtime.node.Node;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open streams of one gateway verticle instance, and the events they are fed from. Events are
 * published on the (clustered) event bus, so every gateway instance on every node hears each one and
 * hands it to its own sessions of that user: where the order was processed does not matter.
 * Used on the verticle's event loop only.
 */
public final class StreamHub {

  private final Vertx vertx;
  private final Map<UUID, Set<StreamSession>> byUser = new HashMap<>();
  private final Set<StreamSession> orderWatchers = new HashSet<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private boolean stopping;
  private final AtomicLong openSessions;

  public StreamHub(Vertx vertx) {
    this.vertx = vertx;
    this.openSessions =
        Node.of(vertx)
            .level(
                "cartwheel.stream.sessions",
                Tags.empty(),
                "Open WebSocket stream sessions on this node");
  }

  /** Completes when the hub hears the events, cluster-wide. */
  public Future<Void> start() {
    consumers.add(
        vertx
            .eventBus()
            .<NotificationCreated>consumer(
                NotificationsContract.NOTIFICATION_CREATED,
                message ->
                    toUser(
                        message.body().notification().userId(),
                        StreamMessages.of(message.body().notification()))));
    consumers.add(
        vertx
            .eventBus()
            .<OrderPlaced>consumer(
                OrdersContract.ORDER_PLACED,
                message ->
                    toOrderWatchers(
                        message.body().eventId(),
                        message.body().occurredAt(),
                        message.body().order())));
    consumers.add(
        vertx
            .eventBus()
            .<OrderConfirmed>consumer(
                OrdersContract.ORDER_CONFIRMED,
                message ->
                    toOrderWatchers(
                        message.body().eventId(),
                        message.body().occurredAt(),
                        message.body().order())));
    consumers.add(
        vertx
            .eventBus()
            .<OrderCancelled>consumer(
                OrdersContract.ORDER_CANCELLED,
                message ->
                    toOrderWatchers(
                        message.body().eventId(),
                        message.body().occurredAt(),
                        message.body().order())));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  /** Adds the session; while the gateway stops, a session that comes late is closed at once instead. */
  void join(StreamSession session) {
    if (stopping) {
      session.close(StreamSession.GOING_AWAY, "gateway stopping");
      return;
    }
    if (byUser.computeIfAbsent(session.user().userId(), user -> new HashSet<>()).add(session)) {
      openSessions.incrementAndGet();
    }
    if (session.watchesAllOrders()) {
      orderWatchers.add(session);
    }
  }

  void leave(StreamSession session) {
    Set<StreamSession> sessions = byUser.get(session.user().userId());
    if (sessions != null && sessions.remove(session)) {
      openSessions.decrementAndGet();
      if (sessions.isEmpty()) {
        byUser.remove(session.user().userId());
      }
    }
    orderWatchers.remove(session);
  }

  /** Closes every stream (1001: the client should reconnect, to another node) and stops listening. */
  public Future<Void> stop() {
    stopping = true;
    List<StreamSession> open = byUser.values().stream().flatMap(Set::stream).toList();
    open.forEach(session -> session.close(StreamSession.GOING_AWAY, "gateway stopping"));
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  private void toUser(UUID userId, JsonObject message) {
    Set<StreamSession> sessions = byUser.get(userId);
    if (sessions != null) {
      List.copyOf(sessions).forEach(session -> session.push(message));
    }
  }

  private void toOrderWatchers(UUID eventId, Instant occurredAt, Order order) {
    if (!orderWatchers.isEmpty()) {
      JsonObject message = StreamMessages.order(eventId, occurredAt, order);
      List.copyOf(orderWatchers).forEach(session -> session.push(message));
    }
  }
}
