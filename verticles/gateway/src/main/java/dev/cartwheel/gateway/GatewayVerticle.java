package dev.cartwheel.gateway;

import dev.cartwheel.gateway.api.ApiDocument;
import dev.cartwheel.gateway.api.ApiPaths;
import dev.cartwheel.gateway.api.EventContracts;
import dev.cartwheel.gateway.caching.CatalogueCache;
import dev.cartwheel.gateway.domains.CanaryGuard;
import dev.cartwheel.gateway.domains.DomainClient;
import dev.cartwheel.gateway.domains.LiveServices;
import dev.cartwheel.gateway.limits.RateLimiter;
import dev.cartwheel.gateway.limits.SignInThrottle;
import dev.cartwheel.gateway.security.VerifiedTokens;
import dev.cartwheel.gateway.stream.StreamHub;
import dev.cartwheel.runtime.auth.Jwt;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.config.LiveConfig;
import dev.cartwheel.runtime.node.Node;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front door. Talks to domains only over the event bus. Several instances share one port
 * (Vert.x balances connections over them); port 0 picks one free port for all of them.
 */
public final class GatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

  /** How long a closing WebSocket waits for the peer's close frame: a dead peer never sends one. */
  private static final int WEBSOCKET_CLOSING_TIMEOUT_SECONDS = 3;

  private GatewayConfig config;
  private DomainClient domains;
  private HttpServer server;
  private StreamHub hub;
  private CatalogueCache catalogue;
  private LiveServices services;
  private Runnable stopListening = () -> {};

  @Override
  public Future<?> start() {
    config = GatewayConfig.from(new ConfigReader(config()));
    JWTAuth jwt =
        new VerifiedTokens(
            Jwt.verifier(vertx, config.jwt()), config.jwt(), config.tokenCacheSize());
    services = new LiveServices(vertx);
    CanaryGuard guard = GatewayServices.canaryGuard(vertx);
    domains = new DomainClient(vertx, config.domains(), services, guard);
    Node node = Node.of(vertx);
    hub = new StreamHub(vertx);
    catalogue = new CatalogueCache(vertx, config.catalogue());
    RateLimiter limiter = new RateLimiter(config.rateLimits(), GatewayServices.rateBuckets(vertx));
    stopListening =
        LiveConfig.of(vertx)
            .onChange(
                changed -> {
                  GatewayConfig next = GatewayConfig.from(changed);
                  limiter.update(next.rateLimits());
                  domains.update(next.domains());
                  guard.routesChanged(next.domains().releases());
                });
    Future<ApiDocument> v1 = ApiDocument.load(vertx, ApiPaths.OPENAPI_V1);
    Future<ApiDocument> v2 = ApiDocument.load(vertx, ApiPaths.OPENAPI_V2);
    Future<EventContracts> events = EventContracts.load(vertx, new ConfigReader(config()));
    return Future.all(List.of(hub.start(), catalogue.ready(), services.start(), v1, v2, events))
        .compose(
            ready -> {
              server =
                  vertx.createHttpServer(
                      new HttpServerOptions()
                          .setHost(config.host())
                          // a negative port makes all instances share one ephemeral port
                          .setPort(config.port() == 0 ? -1 : config.port())
                          .setMaxHeaderSize(config.http().maxHeaderBytes())
                          .setIdleTimeout((int) config.http().idleTimeout().toMillis())
                          .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                          .setWebSocketClosingTimeout(WEBSOCKET_CLOSING_TIMEOUT_SECONDS));
              return server
                  .requestHandler(
                      GatewayRouter.create(
                          new Gateway(
                              vertx,
                              config,
                              v1.result(),
                              v2.result(),
                              events.result(),
                              jwt,
                              domains,
                              node,
                              hub,
                              catalogue,
                              limiter,
                              new SignInThrottle(
                                  config.loginThrottle(), GatewayServices.rateBuckets(vertx)))))
                  .listen();
            })
        .onSuccess(
            listening -> {
              String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
              node.listeningAt("http://" + host + ":" + listening.actualPort());
              LOG.debug("Gateway listening on {}:{}", config.host(), listening.actualPort());
            });
  }

  /**
   * Closes the live streams (1001: reconnect elsewhere), stops accepting connections, lets in-flight
   * requests finish (up to http.drainTimeoutMs), then closes.
   */
  @Override
  public Future<?> stop() {
    stopListening.run();
    Future<Void> streamsClosed = hub == null ? Future.succeededFuture() : hub.stop();
    Future<Void> drained =
        streamsClosed.transform(
            closed ->
                server == null
                    ? Future.succeededFuture()
                    : server.shutdown(config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS));
    return drained
        .transform(done -> catalogue == null ? Future.succeededFuture() : catalogue.close())
        .transform(done -> services == null ? Future.succeededFuture() : services.stop())
        .onComplete(
            done -> {
              if (domains != null) {
                domains.close();
              }
            });
  }
}
