package dev.cartwheel.gateway;

import dev.cartwheel.codecs.bridge.BridgeContract;
import dev.cartwheel.codecs.bridge.CountDeadLetters;
import dev.cartwheel.codecs.bridge.DeadLetterCounts;
import dev.cartwheel.codecs.bridge.ReplayDeadLetters;
import dev.cartwheel.codecs.bridge.ReplayResult;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;

/** HTTP ↔ the Kafka bridge, for operators: dead letters by reason, and their replay. */
final class OperationsRoutes {

  private static final int DEFAULT_REPLAY_LIMIT = 100;

  private final DomainClient domains;

  OperationsRoutes(DomainClient domains) {
    this.domains = domains;
  }

  void countDeadLetters(RoutingContext rc) {
    if (!Access.requireAdmin(rc)) {
      return;
    }
    domains.<DeadLetterCounts>request(BridgeContract.DOMAIN, BridgeContract.COUNT_DEAD_LETTERS, new CountDeadLetters(), RequestIds.of(rc))
      .onSuccess(counts -> rc.json(new JsonObject()
        .put("waitingByReason", new JsonObject(new HashMap<>(counts.waitingByReason())))
        .put("waiting", counts.waitingByReason().values().stream().mapToLong(Long::longValue).sum())
        .put("replayed", counts.replayed())))
      .onFailure(rc::fail);
  }

  void replayDeadLetters(RoutingContext rc) {
    if (!Access.requireAdmin(rc)) {
      return;
    }
    JsonObject body = rc.body().asJsonObject();
    ReplayDeadLetters command = new ReplayDeadLetters(body.getString("reason"), body.getInteger("limit", DEFAULT_REPLAY_LIMIT));
    domains.<ReplayResult>request(BridgeContract.DOMAIN, BridgeContract.REPLAY_DEAD_LETTERS, command, RequestIds.of(rc))
      .onSuccess(result -> rc.json(new JsonObject().put("replayed", result.replayed())))
      .onFailure(rc::fail);
  }
}
