package dev.cartwheel.launcher;

import dev.cartwheel.gateway.routes.OpsRoutes;
import dev.cartwheel.runtime.node.Node;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The operations endpoints ({@code /health/live}, {@code /health/ready}, {@code /info}) of a node that runs
 * no gateway, so that probes and operators can reach every node. On {@code http.host}:{@code ops.port}.
 */
final class OpsServer {

  private final HttpServer server;

  private OpsServer(HttpServer server) {
    this.server = server;
  }

  static Future<OpsServer> start(Vertx vertx, Node node, String host, int port) {
    Router router = Router.router(vertx);
    OpsRoutes.mount(router, node);
    return vertx.createHttpServer().requestHandler(router).listen(port, host).map(OpsServer::new);
  }

  int port() {
    return server.actualPort();
  }

  Future<Void> close() {
    return server.close();
  }
}
