package dev.cartwheel.gateway.routes;

import dev.cartwheel.codecs.bridge.BridgeContract;
import dev.cartwheel.codecs.bridge.CountDeadLetters;
import dev.cartwheel.codecs.bridge.DeadLetterCounts;
import dev.cartwheel.codecs.bridge.ReplayDeadLetters;
import dev.cartwheel.codecs.bridge.ReplayResult;
import dev.cartwheel.gateway.domains.DomainClient;
import dev.cartwheel.gateway.security.Access;
import dev.cartwheel.runtime.discovery.ServiceRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Comparator;
import java.util.HashMap;

/** For operators: the service registry, and the Kafka bridge's dead letters by reason and their replay. */
final class OperationsRoutes {

  private static final int DEFAULT_REPLAY_LIMIT = 100;

  private final DomainClient domains;
  private final ServiceRegistry registry;

  OperationsRoutes(DomainClient domains, ServiceRegistry registry) {
    this.domains = domains;
    this.registry = registry;
  }

  void listServices(RoutingContext rc) {
    if (!Access.requireAdmin(rc)) {
      return;
    }
    registry
        .services()
        .onSuccess(
            services ->
                rc.json(
                    new JsonObject()
                        .put("releaseRoutes", domains.releaseRoutes().toJson())
                        .put(
                            "services",
                            new JsonArray(
                                services.stream()
                                    .sorted(
                                        Comparator.comparing(ServiceRegistry.Service::name)
                                            .thenComparing(ServiceRegistry.Service::node))
                                    .map(ServiceRegistry.Service::toJson)
                                    .toList()))))
        .onFailure(rc::fail);
  }

  void countDeadLetters(RoutingContext rc) {
    if (!Access.requireAdmin(rc)) {
      return;
    }
    domains
        .<DeadLetterCounts>request(
            BridgeContract.DOMAIN, BridgeContract.COUNT_DEAD_LETTERS, new CountDeadLetters(), rc)
        .onSuccess(
            counts ->
                rc.json(
                    new JsonObject()
                        .put(
                            "waitingByReason",
                            new JsonObject(new HashMap<>(counts.waitingByReason())))
                        .put(
                            "waiting",
                            counts.waitingByReason().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                        .put("replayed", counts.replayed())))
        .onFailure(rc::fail);
  }

  void replayDeadLetters(RoutingContext rc) {
    if (!Access.requireAdmin(rc)) {
      return;
    }
    JsonObject body = rc.body().asJsonObject();
    ReplayDeadLetters command =
        new ReplayDeadLetters(
            body.getString("reason"), body.getInteger("limit", DEFAULT_REPLAY_LIMIT));
    domains
        .<ReplayResult>request(
            BridgeContract.DOMAIN, BridgeContract.REPLAY_DEAD_LETTERS, command, rc)
        .onSuccess(result -> rc.json(new JsonObject().put("replayed", result.replayed())))
        .onFailure(rc::fail);
  }
}
