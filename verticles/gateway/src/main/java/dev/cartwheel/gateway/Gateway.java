package dev.cartwheel.gateway;

import dev.cartwheel.gateway.api.ApiDocument;
import dev.cartwheel.gateway.api.EventContracts;
import dev.cartwheel.gateway.caching.CatalogueCache;
import dev.cartwheel.gateway.domains.DomainClient;
import dev.cartwheel.gateway.limits.RateLimiter;
import dev.cartwheel.gateway.limits.SignInThrottle;
import dev.cartwheel.gateway.stream.StreamHub;
import dev.cartwheel.runtime.node.Node;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.jwt.JWTAuth;

/** The parts one gateway verticle instance routes requests through. */
record Gateway(
    Vertx vertx,
    GatewayConfig config,
    ApiDocument v1,
    ApiDocument v2,
    EventContracts events,
    JWTAuth jwt,
    DomainClient domains,
    Node node,
    StreamHub hub,
    CatalogueCache catalogue,
    RateLimiter limiter,
    SignInThrottle throttle) {}
