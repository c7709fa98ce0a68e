package dev.cartwheel.runtime.auth;

import dev.cartwheel.runtime.config.ConfigException;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the vertx-auth-jwt provider from {@link JwtSettings}: verify-only, or able to sign too. */
public final class Jwt {

  private Jwt() {}

  /** Verifies signature (with the key the token's {@code kid} names), issuer and expiry; cannot sign. */
  public static JWTAuth verifier(Vertx vertx, JwtSettings settings) {
    return create(vertx, settings, verificationKeys(vertx, settings));
  }

  /** Signs tokens under {@code jwt.keyId} (and verifies them). Requires the private key. */
  public static JWTAuth signer(Vertx vertx, JwtSettings settings) {
    String privateKey =
        settings
            .privateKey()
            .orElseThrow(
                () ->
                    new ConfigException(
                        "jwt.privateKey", "is required to sign tokens (or jwt.privateKeyFile)"));
    List<PubSecKeyOptions> keys = new ArrayList<>();
    keys.add(key(vertx, settings, settings.keyId(), privateKey, "jwt.privateKey"));
    keys.addAll(verificationKeys(vertx, settings));
    return create(vertx, settings, keys);
  }

  private static List<PubSecKeyOptions> verificationKeys(Vertx vertx, JwtSettings settings) {
    List<PubSecKeyOptions> keys = new ArrayList<>();
    for (Map.Entry<String, String> key : settings.verificationKeys().entrySet()) {
      String blamed =
          key.getKey().equals(settings.keyId()) ? "jwt.publicKey" : "jwt.verificationKeysDir";
      keys.add(key(vertx, settings, key.getKey(), key.getValue(), blamed));
    }
    return keys;
  }

  private static JWTAuth create(Vertx vertx, JwtSettings settings, List<PubSecKeyOptions> keys) {
    JWTAuthOptions options =
        new JWTAuthOptions().setJWTOptions(new JWTOptions().setIssuer(settings.issuer()));
    keys.forEach(options::addPubSecKey);
    return JWTAuth.create(vertx, options);
  }

  /** One key, parsed now, so that a bad one is reported under the setting it came from. */
  private static PubSecKeyOptions key(
      Vertx vertx, JwtSettings settings, String id, String pem, String blamed) {
    if (!pem.contains("-----BEGIN")) {
      throw new ConfigException(blamed, "expected a PEM key (-----BEGIN ...) for key id " + id);
    }
    PubSecKeyOptions key =
        new PubSecKeyOptions().setAlgorithm(settings.algorithm()).setBuffer(pem).setId(id);
    try {
      JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key));
    } catch (RuntimeException e) {
      throw new ConfigException(
          blamed,
          "is not a usable "
              + settings.algorithm()
              + " key, id "
              + id
              + " ("
              + e.getMessage()
              + ")");
    }
    return key;
  }
}
