package dev.cartwheel.launcher;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A client of the gateway's live stream: collects every message and how the connection ended. */
final class LiveStream implements AutoCloseable {

  final List<JsonObject> messages = new CopyOnWriteArrayList<>();
  private final WebSocketClient client;
  private volatile WebSocket socket;
  private volatile Short closeCode;

  private LiveStream(WebSocketClient client) {
    this.client = client;
  }

  /** Handlers go on in the connect callback, on the socket's event loop, before any message is read. */
  private WebSocket listen(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(text -> messages.add(new JsonObject(text)));
    socket.closeHandler(
        closed -> closeCode = socket.closeStatusCode() == null ? -1 : socket.closeStatusCode());
    return socket;
  }

  WebSocket socket() {
    return socket;
  }

  /** Opens {@code /api/v1/stream<query>} with the bearer token (null for none) and waits for ready. */
  static LiveStream open(Vertx vertx, RunningPlatform node, String token, String query) {
    return open(vertx, URI.create(node.platform.node().url().orElseThrow()), token, query);
  }

  static LiveStream connect(Vertx vertx, RunningPlatform node, String token, String query) {
    return connect(vertx, URI.create(node.platform.node().url().orElseThrow()), token, query);
  }

  /** Opens the stream of the gateway at {@code url}, and waits for ready. */
  static LiveStream open(Vertx vertx, URI url, String token, String query) {
    LiveStream stream = connect(vertx, url, token, query);
    stream.awaitMessage(message -> message.getString("type").equals("ready"));
    return stream;
  }

  static LiveStream connect(Vertx vertx, URI url, String token, String query) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost(url.getHost())
            .setPort(url.getPort())
            .setURI("/api/v1/stream" + query);
    if (token != null) {
      options.addHeader("Authorization", "Bearer " + token);
    }
    LiveStream stream = new LiveStream(vertx.createWebSocketClient());
    stream.client.connect(options).map(stream::listen).await();
    return stream;
  }

  JsonObject awaitMessage(Predicate<JsonObject> wanted) {
    await().atMost(Duration.ofSeconds(20)).until(() -> messages.stream().anyMatch(wanted));
    return messages.stream().filter(wanted).findFirst().orElseThrow();
  }

  /** Messages of these types, in arrival order. */
  List<JsonObject> ofType(String... types) {
    List<String> wanted = List.of(types);
    return messages.stream().filter(message -> wanted.contains(message.getString("type"))).toList();
  }

  short awaitClose(Duration within) {
    await().atMost(within).until(() -> closeCode != null);
    return closeCode;
  }

  boolean isClosed() {
    return closeCode != null;
  }

  @Override
  public void close() {
    if (closeCode == null) {
      socket.close().await();
    }
    client.close().await();
  }
}
