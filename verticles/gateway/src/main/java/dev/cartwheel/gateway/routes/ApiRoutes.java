package dev.cartwheel.gateway.routes;

import dev.cartwheel.gateway.caching.CatalogueCache;
import dev.cartwheel.gateway.domains.DomainClient;
import dev.cartwheel.gateway.limits.RateLimiter;
import dev.cartwheel.gateway.limits.SignInThrottle;
import dev.cartwheel.runtime.config.LiveConfig;
import dev.cartwheel.runtime.discovery.ServiceRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The handler of each operation of an API version, by its operationId in the version's OpenAPI document. */
public final class ApiRoutes {

  private ApiRoutes() {}

  /** Version 1; the stream's tickets are issued by {@code streamTickets}. */
  public static void v1(
      RouterBuilder builder,
      Vertx vertx,
      DomainClient domains,
      SignInThrottle throttle,
      RateLimiter limiter,
      CatalogueCache catalogue,
      Handler<RoutingContext> streamTickets) {
    UsersRoutes users = new UsersRoutes(domains, throttle, limiter);
    builder.getRoute("registerUser").addHandler(users::register);
    builder.getRoute("createSession").addHandler(users::login);
    builder.getRoute("getMe").addHandler(users::me);
    ProductsRoutes products = new ProductsRoutes(domains, catalogue);
    builder.getRoute("listProducts").addHandler(products::list);
    builder.getRoute("getProduct").addHandler(products::get);
    builder.getRoute("createProduct").addHandler(products::create);
    builder.getRoute("restockProduct").addHandler(products::restock);
    orders(builder, new OrdersRoutes(domains, OrdersRoutes.Shape.V1));
    NotificationsRoutes notifications = new NotificationsRoutes(domains);
    builder.getRoute("listNotifications").addHandler(notifications::list);
    builder.getRoute("markNotificationRead").addHandler(notifications::markRead);
    builder.getRoute("createStreamTicket").addHandler(streamTickets);
    OperationsRoutes operations = new OperationsRoutes(domains, ServiceRegistry.of(vertx));
    builder.getRoute("listServices").addHandler(operations::listServices);
    builder.getRoute("countDeadLetters").addHandler(operations::countDeadLetters);
    builder.getRoute("replayDeadLetters").addHandler(operations::replayDeadLetters);
    ConfigRoutes liveConfig = new ConfigRoutes(LiveConfig.of(vertx));
    builder.getRoute("showConfig").addHandler(liveConfig::show);
    builder.getRoute("changeConfig").addHandler(liveConfig::change);
  }

  public static void v2(RouterBuilder builder, DomainClient domains) {
    orders(builder, new OrdersRoutes(domains, OrdersRoutes.Shape.V2));
  }

  private static void orders(RouterBuilder builder, OrdersRoutes orders) {
    builder.getRoute("placeOrder").addHandler(orders::place);
    builder.getRoute("listOrders").addHandler(orders::list);
    builder.getRoute("getOrder").addHandler(orders::get);
    builder.getRoute("cancelOrder").addHandler(orders::cancel);
  }
}
