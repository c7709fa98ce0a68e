package dev.cartwheel.gateway.routes;

import dev.cartwheel.gateway.domains.ReleaseRoutes;
import dev.cartwheel.runtime.config.LiveConfig;
import dev.cartwheel.runtime.node.Node;
import dev.cartwheel.runtime.node.OpsPaths;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.LinkedHashMap;
import java.util.TreeMap;

/**
 * Operations endpoints: {@code /health/live} (the event loop answers), {@code /health/ready} (the node's
 * dependency checks; 503 when one is down), {@code /info} (what runs here, its release and the gateway's release routes), {@code /metrics} (the node's
 * meters in the Prometheus text format, when metrics are on; each scrape also measures readiness). Served by the gateway, and by
 * the launcher's ops server on a node without a gateway.
 */
public final class OpsRoutes {

  private OpsRoutes() {}

  public static void mount(Router router, Node node) {
    router.get(OpsPaths.LIVE).handler(rc -> rc.json(new JsonObject().put("status", "UP")));
    router.get(OpsPaths.READY).handler(HealthCheckHandler.createWithHealthChecks(node.readiness()));
    router
        .get(OpsPaths.INFO)
        .handler(
            rc ->
                rc.json(
                    info(node)
                        .put(
                            "releaseRoutes",
                            ReleaseRoutes.from(LiveConfig.of(rc.vertx()).current()).toJson())));
    if (node.meters() instanceof PrometheusMeterRegistry prometheus) {
      Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(prometheus);
      // readiness measured at each scrape, so that an alert on it needs no probe to be running
      router
          .get(OpsPaths.METRICS)
          .handler(
              rc -> {
                node.measureReadiness();
                scrape.handle(rc);
              });
    }
  }

  static JsonObject info(Node node) {
    JsonArray verticles = new JsonArray();
    node.deployments()
        .forEach(
            deployment ->
                verticles.add(
                    new JsonObject()
                        .put("name", deployment.verticle())
                        .put("instances", deployment.instances())));
    return new JsonObject()
        .put("name", "cartwheel")
        .put("version", node.build().version())
        .put("release", node.release())
        .put("commit", node.build().commit())
        .put("commitTime", node.build().commitTime())
        .put("vertx", node.build().vertxVersion())
        .put("java", Runtime.version().toString())
        .put("node", node.id())
        .put("profile", node.profile())
        .put("clustered", node.clustered())
        .put("clusterMembers", node.clusterMembers())
        .put("startedAt", node.startedAt().toString())
        .put("verticles", verticles)
        .put("settings", new JsonObject(new TreeMap<>(node.shown())))
        .put("circuitBreakers", new JsonObject(new LinkedHashMap<>(node.circuitBreakers())))
        .put("handledRequests", new JsonObject(new LinkedHashMap<>(node.handledRequests())));
  }
}
