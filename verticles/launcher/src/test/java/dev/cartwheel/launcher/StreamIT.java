package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.notifications.Notification;
import dev.cartwheel.codecs.notifications.NotificationCreated;
import dev.cartwheel.codecs.notifications.NotificationsContract;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The live stream at the gateway (GET /api/v1/stream), as its WebSocket clients see it. */
@Timeout(120)
class StreamIT {

  private static final int MAX_QUEUED = 32;
  private static final int RESUME_LIMIT = 8;

  private static RunningPlatform node;
  private static Vertx clients;
  private static String admin;

  @BeforeAll
  static void startNode() {
    node =
        RunningPlatform.start(
            Map.of(
                "inventory.seedDemoCatalogue", "false",
                "payments.simulator.latencyMs", "0",
                "stream.maxConnectionsPerUser", "2",
                "stream.maxQueuedMessages", String.valueOf(MAX_QUEUED),
                "stream.resumeLimit", String.valueOf(RESUME_LIMIT),
                "stream.pingIntervalMs", "300",
                "stream.pongTimeoutMs", "2000"));
    clients = Vertx.vertx();
    admin = Shoppers.login(node, "admin@cartwheel.dev", "cartwheel-dev-admin").token();
  }

  @AfterAll
  static void stopNode() {
    clients.close().await();
    node.close();
  }

  @BeforeEach
  void freshCatalogue() {
    TestServices.sql(
        Commerce.RESET
            + ", notifications.notifications, notifications.recipients, notifications.outbox");
    Shoppers.createProduct(node, admin, "CW-MUG-01", 100);
  }

  @Test
  @DisplayName(
      "a shopper sees their own order go PENDING → CONFIRMED, in order; another shopper sees none of it")
  void ownOrdersOnlyInOrder() {
    Shoppers.Shopper ada = customer("ada");
    Shoppers.Shopper bob = customer("bob");
    try (LiveStream adas = LiveStream.open(clients, node, ada.token(), "");
        LiveStream bobs = LiveStream.open(clients, node, bob.token(), "")) {
      String orderId = Shoppers.placeOrder(node, ada.token(), "CW-MUG-01", 1);

      adas.awaitMessage(message -> "CONFIRMED".equals(status(message)));
      List<JsonObject> updates = adas.ofType("order.status");
      assertThat(updates).extracting(StreamIT::status).containsExactly("PENDING", "CONFIRMED");
      assertThat(updates)
          .allSatisfy(
              message -> {
                assertThat(message.getJsonObject("notification").getString("orderId"))
                    .isEqualTo(orderId);
                assertThat(UUID.fromString(message.getString("id"))).isNotNull();
                assertThat(Instant.parse(message.getString("time"))).isNotNull();
              });

      String bobsOrder = Shoppers.placeOrder(node, bob.token(), "CW-MUG-01", 1);
      bobs.awaitMessage(message -> "CONFIRMED".equals(status(message)));
      assertThat(bobs.ofType("order.status", "notification", "order"))
          .allSatisfy(
              message ->
                  assertThat(message.getJsonObject("notification").getString("orderId"))
                      .isEqualTo(bobsOrder));
      assertThat(adas.ofType("order.status", "notification", "order"))
          .allSatisfy(
              message ->
                  assertThat(message.getJsonObject("notification").getString("orderId"))
                      .isEqualTo(orderId));
    }
  }

  @Test
  @DisplayName("an admin may watch every order; a customer asking for that is refused")
  void adminsWatchAllOrders() {
    Shoppers.Shopper ada = customer("ada");
    try (LiveStream watcher = LiveStream.open(clients, node, admin, "?scope=orders")) {
      String orderId = Shoppers.placeOrder(node, ada.token(), "CW-MUG-01", 1);

      JsonObject confirmed =
          watcher.awaitMessage(
              message ->
                  message.getString("type").equals("order")
                      && message.getJsonObject("order").getString("status").equals("CONFIRMED"));
      assertThat(confirmed.getJsonObject("order").getString("id")).isEqualTo(orderId);
      assertThat(confirmed.getJsonObject("order").getString("userId")).isEqualTo(ada.userId());
    }
    Problems.assertProblem(
        upgrade("?scope=orders").bearerTokenAuthentication(customer("eve").token()).send().await(),
        403,
        "FORBIDDEN");
  }

  @Test
  @DisplayName(
      "the stream is refused, before any upgrade, without a valid token or ticket; a ticket works once")
  void authentication() {
    Problems.assertProblem(upgrade("").send().await(), 401, "UNAUTHORIZED");
    Problems.assertProblem(
        upgrade("").bearerTokenAuthentication("not.a.jwt").send().await(), 401, "UNAUTHORIZED");
    Problems.assertProblem(upgrade("?ticket=made-up").send().await(), 401, "UNAUTHORIZED");
    Problems.assertProblem(node.http.get("/api/v1/stream").send().await(), 426, "UPGRADE_REQUIRED");
    Problems.assertProblem(
        node.http.post("/api/v1/stream/tickets").send().await(), 401, "UNAUTHORIZED");

    Shoppers.Shopper ada = customer("ada");
    HttpResponse<Buffer> issued =
        node.http
            .post("/api/v1/stream/tickets")
            .bearerTokenAuthentication(ada.token())
            .send()
            .await();
    assertThat(issued.statusCode()).isEqualTo(201);
    assertThat(issued.bodyAsJsonObject().getInteger("expiresInSeconds")).isPositive();
    String ticket = issued.bodyAsJsonObject().getString("ticket");

    try (LiveStream stream = LiveStream.open(clients, node, null, "?ticket=" + ticket)) {
      String orderId = Shoppers.placeOrder(node, ada.token(), "CW-MUG-01", 1);
      stream.awaitMessage(
          message ->
              "CONFIRMED".equals(status(message))
                  && orderId.equals(message.getJsonObject("notification").getString("orderId")));
    }
    Problems.assertProblem(upgrade("?ticket=" + ticket).send().await(), 401, "UNAUTHORIZED");
    Problems.assertProblem(
        upgrade("?lastEventId=not-a-uuid").bearerTokenAuthentication(ada.token()).send().await(),
        400,
        "VALIDATION_FAILED");
    Problems.assertProblem(
        upgrade("?lastEventId=" + UUID.randomUUID())
            .bearerTokenAuthentication(ada.token())
            .send()
            .await(),
        400,
        "UNKNOWN_LAST_EVENT_ID");
  }

  @Test
  @DisplayName(
      "a client that reconnects with the last id it saw gets what it missed, once, then the live feed")
  void resumeAfterReconnect() {
    Shoppers.Shopper ada = customer("ada");
    String lastSeen;
    try (LiveStream first = LiveStream.open(clients, node, ada.token(), "")) {
      Shoppers.placeOrder(node, ada.token(), "CW-MUG-01", 1);
      lastSeen = first.awaitMessage(message -> "CONFIRMED".equals(status(message))).getString("id");
    }
    String missedOrder = Shoppers.placeOrder(node, ada.token(), "CW-MUG-01", 2);
    await()
        .until(
            () ->
                TestServices.queryOne(
                        "SELECT count(*) FROM notifications.notifications WHERE order_id = '"
                            + missedOrder
                            + "'")
                    .equals("2"));

    try (LiveStream resumed =
        LiveStream.open(clients, node, ada.token(), "?lastEventId=" + lastSeen)) {
      JsonObject ready = resumed.awaitMessage(message -> message.getString("type").equals("ready"));
      assertThat(ready.getInteger("resumed")).isEqualTo(2);
      assertThat(ready.getBoolean("complete")).isTrue();
      assertThat(resumed.messages.subList(0, 2))
          .extracting(StreamIT::status)
          .containsExactly("PENDING", "CONFIRMED");

      String liveOrder = Shoppers.placeOrder(node, ada.token(), "CW-MUG-01", 1);
      resumed.awaitMessage(
          message ->
              "CONFIRMED".equals(status(message))
                  && liveOrder.equals(message.getJsonObject("notification").getString("orderId")));
      List<String> ids =
          resumed.ofType("order.status", "notification").stream()
              .map(message -> message.getString("id"))
              .toList();
      assertThat(ids).doesNotHaveDuplicates().hasSize(4).doesNotContain(lastSeen);
    }

    for (int i = 0; i < RESUME_LIMIT; i++) {
      Shoppers.placeOrder(node, ada.token(), "CW-MUG-01", 1);
    }
    // the notifications of the last order are written after it is answered: wait for them
    String missed =
        "SELECT id FROM notifications.notifications WHERE user_id = '"
            + ada.userId()
            + "' AND seq > (SELECT seq FROM notifications.notifications WHERE id = '"
            + lastSeen
            + "') ORDER BY seq";
    await()
        .untilAsserted(
            () -> assertThat(TestServices.queryColumn(missed)).hasSize(4 + 2 * RESUME_LIMIT));
    List<String> feed = TestServices.queryColumn(missed);

    // more was missed than one resume sends: each stream ends after ready (4009), the next goes on
    // from its last id
    List<String> replayed = new ArrayList<>();
    String from = lastSeen;
    boolean complete = false;
    while (!complete) {
      try (LiveStream behind =
          LiveStream.open(clients, node, ada.token(), "?lastEventId=" + from)) {
        JsonObject ready =
            behind.awaitMessage(message -> message.getString("type").equals("ready"));
        List<String> ids =
            behind.ofType("order.status", "notification").stream()
                .map(message -> message.getString("id"))
                .toList();
        assertThat(ids).hasSize(ready.getInteger("resumed")).hasSizeLessThanOrEqualTo(RESUME_LIMIT);
        complete = ready.getBoolean("complete");
        if (!complete) {
          assertThat(behind.awaitClose(Duration.ofSeconds(10))).isEqualTo((short) 4009);
        }
        replayed.addAll(ids);
        from = ids.get(ids.size() - 1);
      }
    }
    assertThat(replayed)
        .as("the whole feed after the last id seen, in order, once")
        .isEqualTo(feed);
  }

  @Test
  @DisplayName("a client that stops reading is cut off with 4008 and does not hold up anyone else")
  void slowConsumersAreCutOff() {
    Shoppers.Shopper slow = customer("slow");
    Shoppers.Shopper brisk = customer("brisk");
    try (LiveStream stalled = LiveStream.open(clients, node, slow.token(), "");
        LiveStream reading = LiveStream.open(clients, node, brisk.token(), "")) {
      stalled.socket().pause();
      String bulky = "x".repeat(16 * 1024);
      int flood = 2000;
      for (int i = 0; i < flood; i++) {
        publishNotification(slow.userId(), bulky);
        if (i % 100 == 0) {
          publishNotification(brisk.userId(), "hello " + i);
        }
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> greetings(reading) == flood / 100);
      stalled.socket().resume();

      assertThat(stalled.awaitClose(Duration.ofSeconds(20))).isEqualTo((short) 4008);
      assertThat(stalled.ofType("notification").size()).isLessThan(flood);
      assertThat(greetings(reading)).isEqualTo(flood / 100);
      assertThat(reading.isClosed()).isFalse();
    }
  }

  @Test
  @DisplayName("a peer that stops answering pings is closed with 4000; a live client is not")
  void deadPeersAreDetected() {
    Shoppers.Shopper ada = customer("ada");
    URI url = URI.create(node.platform.node().url().orElseThrow());
    NetClient tcp = clients.createNetClient();
    NetSocket raw = tcp.connect(url.getPort(), url.getHost()).await();
    Buffer received = Buffer.buffer();
    AtomicBoolean closed = new AtomicBoolean();
    raw.handler(received::appendBuffer);
    raw.closeHandler(done -> closed.set(true));
    // a WebSocket handshake by hand, and then silence: no pong will ever come back
    raw.write(
        "GET /api/v1/stream HTTP/1.1\r\nHost: "
            + url.getHost()
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer "
            + ada.token()
            + "\r\n\r\n");
    try (LiveStream alive = LiveStream.open(clients, node, ada.token(), "")) {
      await().atMost(Duration.ofSeconds(20)).untilTrue(closed);

      assertThat(received.toString()).startsWith("HTTP/1.1 101");
      assertThat(containsCloseFrame(received.getBytes(), 4000))
          .as("a close frame with 4000")
          .isTrue();
      assertThat(alive.isClosed()).as("the client that answers pings stays").isFalse();
    } finally {
      tcp.close().await();
    }
  }

  @Test
  @DisplayName("over the per-user limit, a stream is refused with 429 until one closes")
  void connectionLimits() {
    Shoppers.Shopper ada = customer("ada");
    LiveStream first = LiveStream.open(clients, node, ada.token(), "");
    try (LiveStream second = LiveStream.open(clients, node, ada.token(), "")) {
      JsonObject refused =
          Problems.assertProblem(
              upgrade("").bearerTokenAuthentication(ada.token()).send().await(),
              429,
              "STREAM_LIMIT_REACHED");
      assertThat(refused.getString("detail")).contains("2 live streams");
      first.close();
      // the slot is freed when the gateway sees the close: until then the refusal stands
      await()
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                try (LiveStream third = LiveStream.open(clients, node, ada.token(), "")) {
                  assertThat(third.ofType("ready")).hasSize(1);
                }
              });
      assertThat(second.isClosed()).isFalse();
    }
  }

  /** A new customer whose welcome is already written, so that it does not show up in a stream opened next. */
  @Test
  @DisplayName(
      "the README's terminal client, scripts/WatchStream.java, prints the shopper's order updates as JSON lines")
  void theShippedScriptWatchesTheStream() throws Exception {
    Shoppers.Shopper ada = customer("ada");
    Path output = Files.createTempFile("watch-stream", ".log");
    Path log = Files.createTempFile("watch-stream", ".err");
    String stream =
        URI.create(node.platform.node().url().orElseThrow())
            .resolve("/api/v1/stream")
            .toString()
            .replaceFirst("^http", "ws");
    Process script =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Path.of("../../scripts/WatchStream.java").toString(),
                stream,
                ada.token())
            .redirectOutput(output.toFile())
            .redirectError(log.toFile())
            .start();
    try {
      // the single-file launcher compiles the script first: an order placed before it connects is
      // not in its stream
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.readString(log).contains("connected to " + stream));
      String orderId = Shoppers.placeOrder(node, ada.token(), "CW-MUG-01", 1);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  Files.readAllLines(output).stream().anyMatch(line -> line.contains("CONFIRMED")));
      List<JsonObject> updates =
          Files.readAllLines(output).stream()
              .map(JsonObject::new)
              .filter(message -> "order.status".equals(message.getString("type")))
              .toList();
      assertThat(updates).extracting(StreamIT::status).containsExactly("PENDING", "CONFIRMED");
      assertThat(updates)
          .allSatisfy(
              message ->
                  assertThat(message.getJsonObject("notification").getString("orderId"))
                      .isEqualTo(orderId));
    } finally {
      script.destroy();
      script.waitFor();
      Files.deleteIfExists(output);
      Files.deleteIfExists(log);
    }
  }

  private static Shoppers.Shopper customer(String name) {
    Shoppers.Shopper shopper = Shoppers.register(node, name);
    await()
        .until(
            () ->
                TestServices.queryOne(
                        "SELECT count(*) FROM notifications.notifications WHERE user_id = '"
                            + shopper.userId()
                            + "'")
                    .equals("1"));
    return shopper;
  }

  private static long greetings(LiveStream stream) {
    return stream.ofType("notification").stream()
        .filter(
            message -> message.getJsonObject("notification").getString("body").startsWith("hello"))
        .count();
  }

  private static void publishNotification(String userId, String body) {
    UUID id = UUID.randomUUID();
    Notification notification =
        new Notification(
            id,
            UUID.fromString(userId),
            "welcome",
            "Hello",
            body,
            null,
            null,
            null,
            Instant.now(),
            null);
    node.platform
        .vertx()
        .eventBus()
        .publish(
            NotificationsContract.NOTIFICATION_CREATED,
            new NotificationCreated(id, Instant.now(), notification));
  }

  /** A stream request with the WebSocket headers, sent as plain HTTP, to read a refusal. */
  private static HttpRequest<Buffer> upgrade(String query) {
    return node.http
        .get("/api/v1/stream" + query)
        .putHeader("Upgrade", "websocket")
        .putHeader("Connection", "Upgrade")
        .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
        .putHeader("Sec-WebSocket-Version", "13");
  }

  private static String status(JsonObject message) {
    JsonObject notification = message.getJsonObject("notification");
    return notification == null ? null : notification.getString("orderStatus");
  }

  /** A server→client close frame (0x88, unmasked) carrying the status code. */
  private static boolean containsCloseFrame(byte[] bytes, int code) {
    for (int i = 0; i + 3 < bytes.length; i++) {
      if ((bytes[i] & 0xff) == 0x88
          && (bytes[i + 2] & 0xff) == (code >> 8)
          && (bytes[i + 3] & 0xff) == (code & 0xff)) {
        return true;
      }
    }
    return false;
  }
}
