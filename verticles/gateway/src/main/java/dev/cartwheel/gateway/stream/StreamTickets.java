package dev.cartwheel.gateway.stream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * One-time tickets that stand for a user when a browser opens the stream (it cannot send an
 * Authorization header on a WebSocket). They live in the Vert.x shared data, which is cluster-wide when
 * clustered: a ticket issued by one gateway node opens a stream on any other. Redeeming removes it.
 */
final class StreamTickets {

  private static final String MAP = "cartwheel.stream.tickets";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final Duration ttl;

  StreamTickets(Vertx vertx, Duration ttl) {
    this.vertx = vertx;
    this.ttl = ttl;
  }

  Future<String> issue(StreamUser user) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    JsonObject holder =
        new JsonObject().put("userId", user.userId().toString()).put("admin", user.admin());
    return map().compose(tickets -> tickets.put(ticket, holder, ttl.toMillis())).map(ticket);
  }

  /** The user the ticket was issued to; empty when it is unknown, expired or already used. */
  Future<Optional<StreamUser>> redeem(String ticket) {
    return map()
        .compose(tickets -> tickets.remove(ticket))
        .map(
            holder ->
                Optional.ofNullable(holder)
                    .map(
                        json ->
                            new StreamUser(
                                UUID.fromString(json.getString("userId")),
                                json.getBoolean("admin"))));
  }

  private Future<AsyncMap<String, JsonObject>> map() {
    return vertx.sharedData().getAsyncMap(MAP);
  }
}
