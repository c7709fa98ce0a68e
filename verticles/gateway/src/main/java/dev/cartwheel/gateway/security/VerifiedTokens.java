package dev.cartwheel.gateway.security;

import dev.cartwheel.runtime.auth.JwtSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers tokens already verified, until they expire. Checking an ES256 signature costs about a
 * millisecond of CPU, and a profile of the order benchmark found it to be half of the gateway's work: a
 * client sends the same token with every request, so each is verified once. Only verified tokens are
 * kept (keyed by the whole token), at most {@code gateway.tokenCacheSize} per gateway instance, least
 * recently used first out. One instance per gateway verticle instance (its event loop), hence no locks.
 * A token missing from the cache is first held to its one allowed spelling ({@link TokenShape}), so no
 * second spelling of a verified token reaches the verifier, or the cache.
 */
public final class VerifiedTokens implements JWTAuth {

  private final JWTAuth verifier;
  private final TokenShape shape;
  private final Map<String, User> verified;

  /** Verifies with {@code verifier} the tokens whose spelling is the one {@code settings} allow. */
  public VerifiedTokens(JWTAuth verifier, JwtSettings settings, int capacity) {
    this.verifier = verifier;
    this.shape = new TokenShape(settings.algorithm(), settings.verificationKeys().keySet());
    this.verified =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, User> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    if (!(credentials instanceof TokenCredentials token) || token.getToken() == null) {
      return verifier.authenticate(credentials);
    }
    // the cache is keyed by the exact string, and only a token of the allowed spelling gets in: a
    // hit
    // needs no second look at its shape
    User known = verified.get(token.getToken());
    if (known != null) {
      if (!known.expired()) {
        return Future.succeededFuture(known);
      }
      verified.remove(token.getToken());
    }
    Optional<String> refusal = shape.refusal(token.getToken());
    if (refusal.isPresent()) {
      return Future.failedFuture(new IllegalArgumentException("Token refused: " + refusal.get()));
    }
    return verifier
        .authenticate(credentials)
        .onSuccess(user -> verified.put(token.getToken(), user));
  }

  @Override
  public String generateToken(JsonObject claims, JWTOptions options) {
    throw new UnsupportedOperationException("the gateway verifies tokens; it never signs one");
  }

  @Override
  public String generateToken(JsonObject claims) {
    throw new UnsupportedOperationException("the gateway verifies tokens; it never signs one");
  }
}
