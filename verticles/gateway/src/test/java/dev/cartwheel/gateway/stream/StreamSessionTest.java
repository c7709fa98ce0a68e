package dev.cartwheel.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How one stream joins the resume and the live feed, over a real WebSocket on loopback. */
class StreamSessionTest {

  private static final StreamSettings SETTINGS =
      new StreamSettings(
          100, 10, 8, Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), 2);

  private final Vertx vertx = Vertx.vertx();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicReference<Short> closedWith = new AtomicReference<>();
  private WebSocketClient client;

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aLiveMessageThatTheResumeAlreadySentIsNotSentTwice() {
    connect(
        socket -> {
          StreamSession session = session();
          session.push(message("a"));
          session.push(message("b"));
          session.open(socket, List.of(message("z"), message("a")), true);
        });

    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 4);
    assertThat(received).containsExactly("z", "a", "ready", "b");
  }

  @Test
  void aResumeCutShortEndsAfterReadySoTheClientResumesFromTheLastReplayedId() {
    connect(
        socket -> {
          StreamSession session = session();
          session.push(message("live"));
          session.open(socket, List.of(message("a"), message("b")), false);
        });

    await().atMost(Duration.ofSeconds(10)).until(() -> closedWith.get() != null);
    assertThat(closedWith.get()).isEqualTo(StreamSession.RESUME_INCOMPLETE);
    assertThat(received).containsExactly("a", "b", "ready");
  }

  @Test
  void tooManyLiveMessagesBeforeTheSocketOpensCloseItAsASlowConsumer() {
    connect(
        socket -> {
          StreamSession session = session();
          for (int i = 0; i < 6; i++) {
            session.push(message("m" + i));
          }
          session.open(socket, List.of(), true);
        });

    await().atMost(Duration.ofSeconds(10)).until(() -> closedWith.get() != null);
    assertThat(closedWith.get()).isEqualTo(StreamSession.SLOW_CONSUMER);
    assertThat(received).isEmpty();
  }

  private StreamSession session() {
    return new StreamSession(vertx, new StreamUser(UUID.randomUUID(), false), false, SETTINGS);
  }

  /** Starts a server whose one WebSocket goes to {@code onOpen} (on its event loop), and connects to it. */
  private void connect(Consumer<ServerWebSocket> onOpen) {
    HttpServer server =
        vertx.createHttpServer().webSocketHandler(onOpen::accept).listen(0, "127.0.0.1").await();
    client = vertx.createWebSocketClient();
    client.connect(server.actualPort(), "127.0.0.1", "/").map(this::listen).await();
  }

  private WebSocket listen(WebSocket socket) {
    socket.textMessageHandler(
        text -> {
          JsonObject message = new JsonObject(text);
          received.add(
              message.getString("type").equals("ready") ? "ready" : message.getString("id"));
        });
    socket.closeHandler(done -> closedWith.set(socket.closeStatusCode()));
    return socket;
  }

  private static JsonObject message(String id) {
    return new JsonObject().put("type", "notification").put("id", id);
  }
}
