package dev.cartwheel.gateway;

import dev.cartwheel.runtime.node.Node;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;

/**
 * The gateway's routes. {@code /api/v1} comes from the OpenAPI document (validation included); the
 * live stream (a WebSocket), the operations endpoints and the web app at {@code /} sit beside it. Every failure, and every request that matches no route, ends in
 * {@link Problems}.
 */
final class GatewayRouter {

  static final String API_V1 = "/api/v1";
  static final String OPENAPI_V1 = "openapi/cartwheel-v1.yaml";
  /** The web app for people (classpath), served at /. */
  static final String WEBROOT = "webroot";

  private GatewayRouter() {
  }

  static Router create(Vertx vertx, ApiDocument v1, JWTAuth jwt, DomainClient domains, GatewayConfig config, Node node, StreamHub hub) {
    RateLimiter limiter = new RateLimiter(config.rateLimits(), GatewayServices.rateBuckets(vertx));
    StreamRoutes stream = new StreamRoutes(vertx, jwt, domains, hub, config.stream(), limiter);
    Router root = Router.router(vertx);
    root.route().handler(RequestIds::assign).handler(AccessLog::record).handler(rc -> {
      rc.response().putHeader("X-Content-Type-Options", "nosniff");
      rc.next();
    });
    OpsRoutes.mount(root, node);
    root.get(API_V1 + "/openapi.json").handler(rc -> rc.json(v1.published()));
    root.get(API_V1 + "/openapi.yaml").handler(rc -> rc.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml")
      .sendFile(v1.path()));
    root.get(StreamRoutes.PATH).handler(stream::open);
    root.route(API_V1 + "/*").subRouter(api(vertx, v1.contract(), jwt, domains, config, stream, limiter));
    // the web app's files sit at the top level; /api and the operations paths stay the API's alone
    root.routeWithRegex(HttpMethod.GET, "^/(?!api/)[^/]*$").handler(StaticHandler.create(WEBROOT));
    root.route().failureHandler(Problems::respond);
    root.errorHandler(404, Problems::respond);
    root.errorHandler(405, Problems::respond);
    return root;
  }

  private static Router api(Vertx vertx, OpenAPIContract contract, JWTAuth jwt, DomainClient domains, GatewayConfig config, StreamRoutes stream,
                            RateLimiter limiter) {
    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler())
      .rootHandler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
      .rootHandler(new JsonBodies(contract)::require);
    builder.security("bearerAuth").httpHandler(JWTAuthHandler.create(jwt, "cartwheel"));
    // first of each operation's handlers: after authentication (the bucket is the user's), before the work
    builder.getRoutes().forEach(route -> route.addHandler(limiter.charging(route.getOperation().getOperationId())));

    UsersRoutes users = new UsersRoutes(domains);
    builder.getRoute("registerUser").addHandler(users::register);
    builder.getRoute("createSession").addHandler(users::login);
    builder.getRoute("getMe").addHandler(users::me);
    ProductsRoutes products = new ProductsRoutes(domains);
    builder.getRoute("listProducts").addHandler(products::list);
    builder.getRoute("getProduct").addHandler(products::get);
    builder.getRoute("createProduct").addHandler(products::create);
    builder.getRoute("restockProduct").addHandler(products::restock);
    OrdersRoutes orders = new OrdersRoutes(domains);
    builder.getRoute("placeOrder").addHandler(orders::place);
    builder.getRoute("listOrders").addHandler(orders::list);
    builder.getRoute("getOrder").addHandler(orders::get);
    builder.getRoute("cancelOrder").addHandler(orders::cancel);
    NotificationsRoutes notifications = new NotificationsRoutes(domains);
    builder.getRoute("listNotifications").addHandler(notifications::list);
    builder.getRoute("markNotificationRead").addHandler(notifications::markRead);
    builder.getRoute("createStreamTicket").addHandler(stream::issueTicket);
    OperationsRoutes operations = new OperationsRoutes(domains);
    builder.getRoute("countDeadLetters").addHandler(operations::countDeadLetters);
    builder.getRoute("replayDeadLetters").addHandler(operations::replayDeadLetters);

    Router api = builder.createRouter();
    api.route().failureHandler(Problems::respond);
    return api;
  }
}
