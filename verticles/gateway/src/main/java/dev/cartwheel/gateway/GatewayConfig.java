package dev.cartwheel.gateway;

import dev.cartwheel.runtime.auth.JwtSettings;
import dev.cartwheel.runtime.config.ConfigReader;

import java.time.Duration;

/** The gateway's settings, read once at deploy time. */
public record GatewayConfig(
  String host,
  int port,
  int maxBodyBytes,
  Duration drainTimeout,
  Duration requestTimeout,
  int breakerMaxFailures,
  Duration breakerReset,
  int tokenCacheSize,
  JwtSettings jwt) {

  public static GatewayConfig from(ConfigReader config) {
    return new GatewayConfig(
      config.requiredString("http.host"),
      config.port("http.port"),
      config.integer("http.maxBodyBytes", 1024, 16 * 1024 * 1024),
      config.millis("http.drainTimeoutMs", 0, 600_000),
      config.millis("gateway.requestTimeoutMs", 100, 600_000),
      config.integer("gateway.breakerMaxFailures", 1, 10_000),
      config.millis("gateway.breakerResetMs", 100, 3_600_000),
      config.integer("gateway.tokenCacheSize", 0, 10_000_000),
      JwtSettings.from(config));
  }
}
