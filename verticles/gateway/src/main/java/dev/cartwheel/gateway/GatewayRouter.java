package dev.cartwheel.gateway;

import dev.cartwheel.gateway.api.ApiDocument;
import dev.cartwheel.gateway.api.ApiPaths;
import dev.cartwheel.gateway.api.ApiVersions;
import dev.cartwheel.gateway.api.JsonBodies;
import dev.cartwheel.gateway.api.RequestValidation;
import dev.cartwheel.gateway.limits.RateLimiter;
import dev.cartwheel.gateway.observability.AccessLog;
import dev.cartwheel.gateway.observability.RequestIds;
import dev.cartwheel.gateway.problems.Problems;
import dev.cartwheel.gateway.routes.ApiRoutes;
import dev.cartwheel.gateway.routes.OpsRoutes;
import dev.cartwheel.gateway.security.Access;
import dev.cartwheel.gateway.security.SecurityHeaders;
import dev.cartwheel.gateway.stream.StreamRoutes;
import dev.cartwheel.runtime.auth.JwkSet;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The gateway's routes. Each API version comes from its OpenAPI document (validation included); the
 * version list, the live stream (a WebSocket), the operations endpoints and the web app at {@code /} sit
 * beside them. Every failure, and every request that matches no route, ends in {@link Problems}.
 */
final class GatewayRouter {

  private GatewayRouter() {}

  static Router create(Gateway gateway) {
    GatewayConfig config = gateway.config();
    RateLimiter limiter = gateway.limiter();
    StreamRoutes stream =
        new StreamRoutes(
            gateway.vertx(),
            gateway.jwt(),
            gateway.domains(),
            gateway.hub(),
            config.stream(),
            limiter);
    ApiVersions versions = new ApiVersions(config.api(), gateway.v1());

    Router root = Router.router(gateway.vertx());
    root.route()
        .handler(RequestIds::assign)
        .handler(AccessLog::record)
        .handler(SecurityHeaders::add);
    if (!config.http().corsAllowedOrigins().isEmpty()) {
      root.route().handler(crossOrigin(config.http().corsAllowedOrigins()));
    }
    OpsRoutes.mount(root, gateway.node());
    root.get(ApiPaths.API).handler(versions::list);
    Buffer keys = JwkSet.of(config.jwt()).toBuffer();
    root.get(ApiPaths.JWKS)
        .handler(
            rc ->
                rc.response()
                    .putHeader("Content-Type", "application/jwk-set+json")
                    .putHeader("Cache-Control", "public, max-age=300")
                    .end(keys));
    documents(root, ApiPaths.V1, gateway.v1());
    documents(root, ApiPaths.V2, gateway.v2());
    root.get(ApiPaths.ASYNCAPI).handler(gateway.events()::asyncApi);
    root.get(ApiPaths.SCHEMAS + ":file")
        .setName(ApiPaths.SCHEMAS + "{file}")
        .handler(gateway.events()::schema);
    root.get(ApiPaths.STREAM).handler(stream::open);
    // a mount's name ends in /*: the HTTP metrics leave it out of the route label (MetricLabels)
    root.route(ApiPaths.V1 + "/*")
        .setName(ApiPaths.V1 + "/*")
        .subRouter(
            api(
                gateway,
                ApiPaths.V1,
                gateway.v1(),
                limiter,
                versions,
                builder ->
                    ApiRoutes.v1(
                        builder,
                        gateway.vertx(),
                        gateway.domains(),
                        gateway.throttle(),
                        limiter,
                        gateway.catalogue(),
                        stream::issueTicket)));
    root.route(ApiPaths.V2 + "/*")
        .setName(ApiPaths.V2 + "/*")
        .subRouter(
            api(
                gateway,
                ApiPaths.V2,
                gateway.v2(),
                limiter,
                versions,
                builder -> ApiRoutes.v2(builder, gateway.domains())));
    // the web app's files sit at the top level; /api and the operations paths stay the API's alone
    root.routeWithRegex(HttpMethod.GET, ApiPaths.WEB_APP_FILES)
        .setName(ApiPaths.WEB_APP_FILE)
        .handler(StaticHandler.create(ApiPaths.WEBROOT));
    root.route().failureHandler(Problems::respond);
    root.errorHandler(404, Problems::respond);
    root.errorHandler(405, Problems::respond);
    return root;
  }

  /** One version's routes: body limits and JSON checks, bearer tokens, then per operation the rate limit and the work. */
  private static Router api(
      Gateway gateway,
      String prefix,
      ApiDocument document,
      RateLimiter limiter,
      ApiVersions versions,
      Consumer<RouterBuilder> operations) {
    GatewayConfig config = gateway.config();
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    RouterBuilder builder =
        RouterBuilder.create(gateway.vertx(), document.contract(), extractor)
            .rootHandler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
            .rootHandler(
                new JsonBodies(document.contract(), config.http().maxJsonDepth())::require);
    builder.security("bearerAuth").httpHandler(JWTAuthHandler.create(gateway.jwt(), "cartwheel"));
    // each operation's handlers: after authentication, our validation in place of vertx-openapi's
    // (the same checks
    // with validators built once), then the rate limit (the bucket is the user's), then the work
    builder
        .getRoutes()
        .forEach(
            route -> {
              route
                  .setDoValidation(false)
                  .addHandler(
                      new RequestValidation(document.contract(), route.getOperation(), extractor));
              route.addHandler(limiter.charging(route.getOperation().getOperationId()));
              if (ApiVersions.isDeprecated(route.getOperation())) {
                route.addHandler(versions::deprecated);
              }
            });
    operations.accept(builder);
    Router api = builder.createRouter();
    nameByTemplate(api, prefix);
    api.route().failureHandler(Problems::respond);
    // a client that sends its body too slowly (or a request that hangs) ends in a 408, not a held
    // connection
    Router timed = Router.router(gateway.vertx());
    timed.route().handler(TimeoutHandler.create(config.http().requestTimeout().toMillis(), 408));
    // charged before it is judged: a flood of bad tokens or bodies from one address meets a 429
    timed.route().handler(limiter.chargingAddress());
    timed.route().handler(Access::refuseUnreadableBearer);
    timed.route().subRouter(api);
    return timed;
  }

  /**
   * Names each operation's route by its OpenAPI template under the version's prefix ({@code /api/v1/orders/{orderId}}):
   * the name is what the HTTP metrics label a request with, where the path would be relative to the mount.
   */
  private static void nameByTemplate(Router api, String prefix) {
    api.getRoutes().stream()
        .filter(route -> route.getPath() != null)
        .forEach(route -> route.setName(prefix + route.getPath().replaceAll(":(\\w+)", "{$1}")));
  }

  private static void documents(Router root, String prefix, ApiDocument document) {
    root.get(prefix + ApiPaths.OPENAPI_JSON).handler(rc -> rc.json(document.published()));
    root.get(prefix + ApiPaths.OPENAPI_YAML)
        .handler(
            rc ->
                rc.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml")
                    .sendFile(document.path()));
  }

  /**
   * Browsers on the allowed origins may call the API (and read the headers a client needs). vertx-web's
   * CorsHandler refuses every other Origin with a 403, the gateway's own web app included (browsers send
   * Origin on its POSTs and on WebSocket handshakes): so it only sees requests from allowed origins, and
   * the rest go on without CORS headers, which is what keeps a foreign page from reading the answers.
   */
  private static Handler<RoutingContext> crossOrigin(List<String> origins) {
    CorsHandler cors = cors(origins);
    return rc -> {
      String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
      if (origin != null && origins.contains(origin)) {
        cors.handle(rc);
      } else {
        rc.next();
      }
    };
  }

  private static CorsHandler cors(List<String> origins) {
    return CorsHandler.create()
        .addOrigins(origins)
        .allowedMethods(
            Set.of(
                HttpMethod.GET,
                HttpMethod.POST,
                HttpMethod.PUT,
                HttpMethod.PATCH,
                HttpMethod.DELETE))
        .allowedHeaders(
            Set.of(
                "Authorization",
                "Content-Type",
                "Idempotency-Key",
                "If-None-Match",
                RequestIds.HEADER))
        .exposedHeaders(
            Set.of(
                RequestIds.HEADER,
                "Location",
                "ETag",
                "Retry-After",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset",
                "Deprecation",
                "Sunset",
                "Link"))
        .maxAgeSeconds(600);
  }
}
