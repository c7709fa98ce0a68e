package dev.cartwheel.gateway.stream;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One open stream. It holds live messages from the moment it joins the hub until its WebSocket is open and
 * the missed messages are sent, so nothing falls between the resume and the live feed, and a held message
 * that the resume already sent is not sent again. Writes not yet taken by the socket are counted: a client
 * that does not keep up is cut off (4008) before it costs the node memory. A ping every interval; no pong
 * for the timeout closes (4000). Used on one event loop only.
 */
final class StreamSession {

  static final short GOING_AWAY = 1001;
  static final short HEARTBEAT_LOST = 4000;
  static final short SLOW_CONSUMER = 4008;
  static final short RESUME_INCOMPLETE = 4009;

  private final Vertx vertx;
  private final StreamUser user;
  private final boolean watchesAllOrders;
  private final StreamSettings settings;
  private final List<JsonObject> held = new ArrayList<>();
  private ServerWebSocket socket;
  private int unflushed;
  private long lastPong;
  private long heartbeat = -1;
  private boolean closed;

  /** Live messages overflowed the queue before the socket was even open. */
  private boolean overflowed;

  private Runnable onClose = () -> {};

  StreamSession(Vertx vertx, StreamUser user, boolean watchesAllOrders, StreamSettings settings) {
    this.vertx = vertx;
    this.user = user;
    this.watchesAllOrders = watchesAllOrders;
    this.settings = settings;
  }

  StreamUser user() {
    return user;
  }

  boolean watchesAllOrders() {
    return watchesAllOrders;
  }

  void onClose(Runnable onClose) {
    this.onClose = onClose;
  }

  void push(JsonObject message) {
    if (closed) {
      return;
    }
    if (socket == null) {
      overflowed |= held.size() >= holdLimit();
      if (!overflowed) {
        held.add(message);
      }
      return;
    }
    send(message);
  }

  /**
   * The socket is open: send what was missed, then ready, then what arrived meanwhile (minus repeats). A
   * resume cut short at the limit ends there (4009): live messages after a gap would move the client's
   * last id past it, so it reconnects from the last replayed one instead.
   */
  void open(ServerWebSocket socket, List<JsonObject> missed, boolean complete) {
    if (closed) {
      // the gateway began to stop while this stream was being opened
      socket.close(GOING_AWAY, "gateway stopping");
      return;
    }
    this.socket = socket;
    lastPong = System.nanoTime();
    socket.pongHandler(pong -> lastPong = System.nanoTime());
    socket.textMessageHandler(ignored -> {});
    socket.closeHandler(done -> end());
    if (overflowed) {
      close(SLOW_CONSUMER, "slow consumer: reconnect with lastEventId");
      return;
    }
    heartbeat = vertx.setPeriodic(settings.pingInterval().toMillis(), tick -> beat());
    Set<String> sent = new HashSet<>();
    missed.forEach(
        message -> {
          sent.add(message.getString("id"));
          send(message);
        });
    send(StreamMessages.ready(missed.size(), complete));
    if (!complete) {
      close(RESUME_INCOMPLETE, "resume incomplete: reconnect with the last id");
      return;
    }
    held.stream().filter(message -> !sent.contains(message.getString("id"))).forEach(this::send);
    held.clear();
  }

  /** Closes the socket with a code the client can act on; the session leaves the hub. */
  void close(short code, String reason) {
    if (socket != null && !closed) {
      socket.close(code, reason);
    }
    end();
  }

  private void send(JsonObject message) {
    if (closed) {
      return;
    }
    if (unflushed >= settings.maxQueuedMessages()) {
      close(SLOW_CONSUMER, "slow consumer: reconnect with lastEventId");
      return;
    }
    unflushed++;
    socket.writeTextMessage(message.encode()).onComplete(written -> unflushed--);
  }

  /** Held messages are sent after a full resume and ready: together they must fit in the queue. */
  private int holdLimit() {
    return settings.maxQueuedMessages() - settings.resumeLimit() - 1;
  }

  private void beat() {
    if (System.nanoTime() - lastPong > settings.pongTimeout().toNanos()) {
      close(HEARTBEAT_LOST, "heartbeat lost");
    } else {
      socket.writePing(Buffer.buffer("cartwheel"));
    }
  }

  private void end() {
    if (closed) {
      return;
    }
    closed = true;
    held.clear();
    vertx.cancelTimer(heartbeat);
    onClose.run();
  }
}
