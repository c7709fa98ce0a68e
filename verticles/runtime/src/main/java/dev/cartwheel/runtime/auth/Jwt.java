package dev.cartwheel.runtime.auth;

import dev.cartwheel.runtime.config.ConfigException;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/** Builds the vertx-auth-jwt provider from {@link JwtSettings}: verify-only, or able to sign too. */
public final class Jwt {

  private Jwt() {}

  /** Verifies signature, issuer and expiry; cannot sign. */
  public static JWTAuth verifier(Vertx vertx, JwtSettings settings) {
    return create(vertx, settings, "jwt.publicKey", publicKey(settings));
  }

  /** Signs tokens (and verifies them). Requires {@code jwt.privateKey}. */
  public static JWTAuth signer(Vertx vertx, JwtSettings settings) {
    String privateKey =
        settings
            .privateKey()
            .orElseThrow(() -> new ConfigException("jwt.privateKey", "is required to sign tokens"));
    PubSecKeyOptions signing = key(settings, privateKey, "jwt.privateKey");
    create(vertx, settings, "jwt.privateKey", signing);
    return create(vertx, settings, "jwt.publicKey", signing, publicKey(settings));
  }

  /** Creates the provider; a key it cannot parse is reported as {@code blamedKey}. */
  private static JWTAuth create(
      Vertx vertx, JwtSettings settings, String blamedKey, PubSecKeyOptions... keys) {
    JWTAuthOptions options =
        new JWTAuthOptions().setJWTOptions(new JWTOptions().setIssuer(settings.issuer()));
    for (PubSecKeyOptions key : keys) {
      options.addPubSecKey(key);
    }
    try {
      return JWTAuth.create(vertx, options);
    } catch (RuntimeException e) {
      throw new ConfigException(
          blamedKey, "is not a usable " + settings.algorithm() + " key (" + e.getMessage() + ")");
    }
  }

  private static PubSecKeyOptions publicKey(JwtSettings settings) {
    return key(settings, settings.publicKey(), "jwt.publicKey");
  }

  private static PubSecKeyOptions key(JwtSettings settings, String pem, String key) {
    if (!pem.contains("-----BEGIN")) {
      throw new ConfigException(key, "expected a PEM key (-----BEGIN ...)");
    }
    return new PubSecKeyOptions().setAlgorithm(settings.algorithm()).setBuffer(pem);
  }
}
