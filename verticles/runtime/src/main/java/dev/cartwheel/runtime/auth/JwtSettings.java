package dev.cartwheel.runtime.auth;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Token settings. Keys are PEM text (asymmetric: {@code ES256} by default). Only the users domain needs
 * the private key, to sign; everyone else verifies with the public key. No profile but {@code dev} has
 * keys, so a production node without keys refuses to start.
 */
public record JwtSettings(
    String algorithm, String issuer, Duration ttl, String publicKey, Optional<String> privateKey) {

  /** Asymmetric only: with an HMAC algorithm the public key, which every node has, would be the signing secret. */
  private static final Set<String> ASYMMETRIC =
      Set.of(
          "ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA");

  public static JwtSettings from(ConfigReader config) {
    String algorithm = config.requiredString("jwt.algorithm");
    if (!ASYMMETRIC.contains(algorithm)) {
      throw new ConfigException(
          "jwt.algorithm",
          "must be an asymmetric algorithm, one of "
              + new TreeSet<>(ASYMMETRIC)
              + ", not \""
              + algorithm
              + "\"");
    }
    return new JwtSettings(
        algorithm,
        config.requiredString("jwt.issuer"),
        Duration.ofSeconds(config.integer("jwt.ttlSeconds", 60, 7 * 24 * 3600)),
        config.requiredString("jwt.publicKey"),
        config.optionalString("jwt.privateKey"));
  }

  @Override
  public String toString() {
    return "JwtSettings[algorithm=" + algorithm + ", issuer=" + issuer + ", ttl=" + ttl + "]";
  }
}
