package dev.cartwheel.users;

import dev.cartwheel.codecs.users.Session;
import dev.cartwheel.codecs.users.UserProfile;
import dev.cartwheel.runtime.auth.JwtSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Signs the bearer tokens of the platform: subject = user id, {@code roles} claim, issuer, expiry. */
final class TokenIssuer {

  private final JWTAuth signer;
  private final JwtSettings settings;
  private final JWTOptions options;
  private final Clock clock;

  TokenIssuer(JWTAuth signer, JwtSettings settings, Clock clock) {
    this.signer = signer;
    this.settings = settings;
    this.options = new JWTOptions().setAlgorithm(settings.algorithm()).setIssuer(settings.issuer());
    this.clock = clock;
  }

  Session issue(UserProfile user) {
    Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(settings.ttl());
    JsonObject claims =
        new JsonObject()
            .put("sub", user.id().toString())
            .put("roles", new JsonArray(user.roles()))
            .put("exp", expiresAt.getEpochSecond());
    return new Session(user, signer.generateToken(claims, options), expiresAt);
  }
}
