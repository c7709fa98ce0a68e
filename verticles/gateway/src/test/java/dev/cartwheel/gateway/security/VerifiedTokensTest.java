package dev.cartwheel.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwheel.runtime.auth.Jwt;
import dev.cartwheel.runtime.auth.JwtSettings;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.testkit.TestKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A token has one spelling: every other spelling of a valid token is refused before its signature is
 * checked, and so are headers that name another algorithm, another key or a key of their own.
 */
class VerifiedTokensTest {

  private static Vertx vertx;
  private static KeyPair current;
  private static JWTAuth signer;
  private static VerifiedTokens gateway;
  private static String valid;

  @BeforeAll
  static void keys() throws Exception {
    vertx = Vertx.vertx();
    current = TestKeys.ecKeyPair();
    JwtSettings settings = settings("k1", current);
    signer = Jwt.signer(vertx, settings);
    gateway = new VerifiedTokens(Jwt.verifier(vertx, settings), settings, 100);
    valid = sign(new JsonObject());
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName("a token signed with the configured key, named by its kid, is accepted")
  void theOneSpelling() {
    assertThat(header(valid).getString("kid")).isEqualTo("k1");
    assertThat(authenticate(valid).succeeded()).isTrue();
  }

  static Stream<Arguments> otherSpellings() {
    String[] parts = valid.split("\\.");
    String signature = parts[2];
    // the last character of a 64-byte signature carries 2 bits of padding: flipping one keeps the
    // bytes
    char last = signature.charAt(signature.length() - 1);
    char sameBytes = (char) (last ^ 1);
    return Stream.of(
        Arguments.of("a character appended to the signature", valid + "x"),
        Arguments.of("two characters appended", valid + "xx"),
        Arguments.of("padding appended", valid + "="),
        Arguments.of("a fourth part", valid + ".e30"),
        Arguments.of("a trailing dot", valid + "."),
        Arguments.of("a leading space", " " + valid),
        Arguments.of("a trailing newline", valid + "\n"),
        Arguments.of(
            "the same signature bytes, other padding bits",
            parts[0]
                + "."
                + parts[1]
                + "."
                + signature.substring(0, signature.length() - 1)
                + sameBytes),
        Arguments.of(
            "the signature in standard base64",
            parts[0]
                + "."
                + parts[1]
                + "."
                + Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(signature))),
        Arguments.of("no signature", parts[0] + "." + parts[1]),
        Arguments.of("an empty signature", parts[0] + "." + parts[1] + "."),
        Arguments.of("a 63-byte signature", withSignature(valid, 63)),
        Arguments.of("a 65-byte signature", withSignature(valid, 65)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherSpellings")
  @DisplayName("every other spelling of a valid token is refused")
  void otherSpellingsAreRefused(String spelling, String token) {
    assertThat(authenticate(token).failed()).as(spelling).isTrue();
  }

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("alg none", new JsonObject().put("alg", "none").put("kid", "k1")),
        Arguments.of("alg HS256", new JsonObject().put("alg", "HS256").put("kid", "k1")),
        Arguments.of("alg RS256", new JsonObject().put("alg", "RS256").put("kid", "k1")),
        Arguments.of("no kid", new JsonObject().put("alg", "ES256")),
        Arguments.of("an unknown kid", new JsonObject().put("alg", "ES256").put("kid", "k9")),
        Arguments.of("a kid that is a number", new JsonObject().put("alg", "ES256").put("kid", 1)),
        Arguments.of(
            "an embedded key (jwk)",
            new JsonObject()
                .put("alg", "ES256")
                .put("kid", "k1")
                .put("jwk", new JsonObject().put("kty", "EC"))),
        Arguments.of(
            "a key URL (jku)",
            new JsonObject()
                .put("alg", "ES256")
                .put("kid", "k1")
                .put("jku", "https://attacker.example/keys")),
        Arguments.of(
            "crit", new JsonObject().put("alg", "ES256").put("kid", "k1").put("crit", "[]")),
        Arguments.of(
            "typ other than JWT",
            new JsonObject().put("alg", "ES256").put("kid", "k1").put("typ", "at+jwt")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headers")
  @DisplayName(
      "a header with another algorithm, another or no key id, or a key of its own is refused")
  void headersAreHeldToTheConfiguration(String what, JsonObject header) {
    String[] parts = valid.split("\\.");
    String token = base64Url(header.encode()) + "." + parts[1] + "." + parts[2];
    assertThat(authenticate(token).failed()).as(what).isTrue();
  }

  @Test
  @DisplayName("a header that is not JSON, or not an object, is refused")
  void headersThatAreNotObjects() {
    String[] parts = valid.split("\\.");
    assertThat(authenticate(base64Url("[1]") + "." + parts[1] + "." + parts[2]).failed()).isTrue();
    assertThat(authenticate(base64Url("{\"alg\":") + "." + parts[1] + "." + parts[2]).failed())
        .isTrue();
  }

  @Test
  @DisplayName(
      "rotation: a verification key added under its kid accepts the new key's tokens, and the old key's still")
  void rotation() throws Exception {
    KeyPair next = TestKeys.ecKeyPair();
    Path dir = Files.createTempDirectory("jwt-keys");
    Files.writeString(dir.resolve("k1.pem"), TestKeys.publicPem(current));
    JwtSettings nextSigner =
        settings("k2", next, new JsonObject().put("verificationKeysDir", dir.toString()));
    JWTAuth signsWithNext = Jwt.signer(vertx, nextSigner);
    String fromNext =
        signsWithNext.generateToken(
            claims(), new JWTOptions().setAlgorithm("ES256").setIssuer("cartwheel"));
    VerifiedTokens both = new VerifiedTokens(Jwt.verifier(vertx, nextSigner), nextSigner, 100);

    assertThat(header(fromNext).getString("kid")).isEqualTo("k2");
    assertThat(authenticate(both, fromNext).succeeded()).as("the new key's token").isTrue();
    assertThat(authenticate(both, valid).succeeded()).as("the old key's token").isTrue();
    assertThat(authenticate(gateway, fromNext).failed())
        .as("a gateway that does not know k2 yet")
        .isTrue();
  }

  private static Future<User> authenticate(String token) {
    return authenticate(gateway, token);
  }

  private static Future<User> authenticate(VerifiedTokens tokens, String token) {
    Future<User> result = tokens.authenticate(new TokenCredentials(token));
    try {
      result.await();
    } catch (RuntimeException refused) {
      // the future says it
    }
    return result;
  }

  private static String sign(JsonObject extra) {
    return signer.generateToken(
        claims().mergeIn(extra), new JWTOptions().setAlgorithm("ES256").setIssuer("cartwheel"));
  }

  private static JsonObject claims() {
    return new JsonObject()
        .put("sub", "0b9f3c52-3f5e-4a59-9a41-4b1c3a7e8d21")
        .put("exp", Instant.now().plusSeconds(600).getEpochSecond());
  }

  private static String withSignature(String token, int bytes) {
    String[] parts = token.split("\\.");
    return parts[0]
        + "."
        + parts[1]
        + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[bytes]);
  }

  private static JsonObject header(String token) {
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static JwtSettings settings(String keyId, KeyPair keys) {
    return settings(keyId, keys, new JsonObject());
  }

  private static JwtSettings settings(String keyId, KeyPair keys, JsonObject extra) {
    JsonObject jwt =
        new JsonObject()
            .put("algorithm", "ES256")
            .put("issuer", "cartwheel")
            .put("ttlSeconds", 600)
            .put("keyId", keyId)
            .put("publicKey", TestKeys.publicPem(keys))
            .put("privateKey", TestKeys.privatePem(keys))
            .putNull("publicKeyFile")
            .putNull("privateKeyFile")
            .putNull("verificationKeysDir")
            .mergeIn(extra);
    return JwtSettings.from(
        new ConfigReader(new JsonObject().put("profile", "test").put("jwt", jwt)));
  }
}
