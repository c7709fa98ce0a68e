package dev.cartwheel.gateway.routes;

import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.gateway.observability.RequestIds;
import dev.cartwheel.gateway.problems.GatewayError;
import dev.cartwheel.gateway.problems.Problem;
import dev.cartwheel.gateway.problems.ProblemException;
import dev.cartwheel.gateway.security.Access;
import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.LiveConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live configuration, for administrators: what the live keys are on this node and where each value
 * comes from, and changing them on every node. A change is checked here first; a refusal names the key
 * and changes nothing anywhere. An accepted change is stored before it is published, so that nodes that
 * start later apply it too.
 */
final class ConfigRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigRoutes.class);

  private final LiveConfig live;

  ConfigRoutes(LiveConfig live) {
    this.live = live;
  }

  void show(RoutingContext rc) {
    if (Access.requireAdmin(rc)) {
      rc.json(new JsonObject().put("live", live.liveValues()).put("settings", live.settings()));
    }
  }

  void change(RoutingContext rc) {
    if (!Access.requireAdmin(rc)) {
      return;
    }
    JsonObject changes = rc.body().asJsonObject();
    String changedBy =
        "administrator " + rc.user().subject() + " (request " + RequestIds.of(rc) + ")";
    Future<Void> published;
    try {
      published =
          live.publish(changes, changedBy, rc.request().method() + " " + rc.request().path());
    } catch (ConfigException e) {
      rc.fail(
          new ProblemException(
              Problem.of(GatewayError.VALIDATION_FAILED, "The change was refused; nothing changed.")
                  .withErrors(List.of(new FieldError(e.key(), e.getMessage())))));
      return;
    }
    published
        .onSuccess(
            done -> rc.json(new JsonObject().put("changed", changes).put("changedBy", changedBy)))
        .onFailure(
            error -> {
              LOG.error("A live configuration change could not be stored: {}", error.getMessage());
              rc.fail(
                  new ProblemException(
                      Problem.of(
                          GatewayError.SERVICE_UNAVAILABLE,
                          "The change could not be stored; nothing changed. Try again later.")));
            });
  }
}
