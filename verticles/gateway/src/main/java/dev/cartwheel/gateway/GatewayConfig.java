package dev.cartwheel.gateway;

import dev.cartwheel.gateway.api.ApiVersions;
import dev.cartwheel.gateway.caching.CatalogueCache;
import dev.cartwheel.gateway.domains.DomainClient;
import dev.cartwheel.gateway.domains.ReleaseRoutes;
import dev.cartwheel.gateway.limits.RateLimitSettings;
import dev.cartwheel.gateway.limits.SignInThrottle;
import dev.cartwheel.gateway.stream.StreamSettings;
import dev.cartwheel.runtime.auth.JwtSettings;
import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import java.time.Duration;
import java.util.List;

/** The gateway's settings, read once at deploy time. */
public record GatewayConfig(
    String host,
    int port,
    int maxBodyBytes,
    Http http,
    Duration drainTimeout,
    DomainClient.Settings domains,
    int tokenCacheSize,
    JwtSettings jwt,
    StreamSettings stream,
    RateLimitSettings rateLimits,
    SignInThrottle.Settings loginThrottle,
    CatalogueCache.Settings catalogue,
    ApiVersions.Settings api) {

  /** Limits on what one HTTP client may send, and how slowly; the origins allowed to call from a browser. */
  public record Http(
      int maxHeaderBytes,
      int maxJsonDepth,
      Duration idleTimeout,
      Duration requestTimeout,
      List<String> corsAllowedOrigins) {}

  public static GatewayConfig from(ConfigReader config) {
    Http http = http(config);
    if (config.millis("gateway.requestTimeoutMs", 100, 600_000).compareTo(http.requestTimeout())
        >= 0) {
      throw new ConfigException(
          "gateway.requestTimeoutMs",
          "must be shorter than http.requestTimeoutMs, or a slow domain is a 408 instead of a 504");
    }
    return new GatewayConfig(
        config.requiredString("http.host"),
        config.port("http.port"),
        config.integer("http.maxBodyBytes", 1024, 16 * 1024 * 1024),
        http,
        config.millis("http.drainTimeoutMs", 0, 600_000),
        new DomainClient.Settings(
            config.millis("gateway.requestTimeoutMs", 100, 600_000),
            config.integer("gateway.breakerMaxFailures", 1, 10_000),
            config.millis("gateway.breakerResetMs", 100, 3_600_000),
            ReleaseRoutes.from(config)),
        config.integer("gateway.tokenCacheSize", 0, 10_000_000),
        JwtSettings.from(config),
        stream(config, http),
        RateLimitSettings.from(config),
        SignInThrottle.Settings.from(config),
        new CatalogueCache.Settings(
            config.millis("catalogue.cacheTtlMs", 0, 600_000),
            config.integer("catalogue.cacheEntries", 0, 1_000_000),
            config.integer("catalogue.maxAgeSeconds", 0, 86_400)),
        ApiVersions.Settings.from(config));
  }

  private static Http http(ConfigReader config) {
    return new Http(
        config.integer("http.maxHeaderBytes", 1024, 1024 * 1024),
        config.integer("http.maxJsonDepth", 2, 1000),
        config.millis("http.idleTimeoutMs", 1000, 3_600_000),
        config.millis("http.requestTimeoutMs", 100, 3_600_000),
        config.strings("http.corsAllowedOrigins"));
  }

  private static StreamSettings stream(ConfigReader config, Http http) {
    int maxQueued = config.integer("stream.maxQueuedMessages", 8, 1_000_000);
    StreamSettings stream =
        new StreamSettings(
            config.integer("stream.maxConnections", 1, 1_000_000),
            config.integer("stream.maxConnectionsPerUser", 1, 1000),
            maxQueued,
            config.millis("stream.pingIntervalMs", 100, 600_000),
            config.millis("stream.pongTimeoutMs", 200, 3_600_000),
            config.millis("stream.ticketTtlMs", 1000, 600_000),
            // a resume is sent at once: it must leave room in the queue for the live messages
            // behind it
            config.integer("stream.resumeLimit", 1, maxQueued / 2));
    if (http.idleTimeout().compareTo(stream.pingInterval()) <= 0) {
      throw new ConfigException(
          "http.idleTimeoutMs",
          "must be longer than stream.pingIntervalMs, or idle streams are cut");
    }
    if (stream.pongTimeout().compareTo(stream.pingInterval()) <= 0) {
      throw new ConfigException(
          "stream.pongTimeoutMs", "must be longer than stream.pingIntervalMs");
    }
    return stream;
  }
}
