package dev.cartwheel.gateway.security;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one spelling a token may have, checked before any signature: three parts of canonical base64url
 * (no padding, no other alphabet, no stray bits, so that no two strings are the same token), a header that
 * names the configured algorithm and a known key id and nothing that would bring its own key, and a
 * signature of exactly the algorithm's length. vertx-auth-jwt decodes leniently: a token with a character
 * appended to its signature, or with a fourth part, was accepted, and anything keyed on the token string
 * (the verified-token cache, a deny-list, a log search) could be fooled by a second spelling.
 */
final class TokenShape {

  private static final Pattern PARTS =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private static final Set<String> HEADER_FIELDS = Set.of("alg", "kid", "typ");

  /** R || S of an ECDSA signature, and an Ed25519 signature; RSA's length is its key's. */
  private static final Map<String, Integer> SIGNATURE_BYTES =
      Map.of("ES256", 64, "ES384", 96, "ES512", 132, "EdDSA", 64);

  private final String algorithm;
  private final Set<String> keyIds;

  TokenShape(String algorithm, Set<String> keyIds) {
    this.algorithm = algorithm;
    this.keyIds = Set.copyOf(keyIds);
  }

  /** Why the token is refused before its signature is checked; empty when its shape is the one allowed. */
  Optional<String> refusal(String token) {
    if (token.length() > 8192 || !PARTS.matcher(token).matches()) {
      return Optional.of("not three base64url parts");
    }
    String[] parts = token.split("\\.", -1);
    byte[] header = canonical(parts[0]);
    byte[] payload = canonical(parts[1]);
    byte[] signature = canonical(parts[2]);
    if (header == null || payload == null || signature == null) {
      return Optional.of("not canonical base64url");
    }
    JsonObject fields;
    try {
      fields = new JsonObject(new String(header, StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      return Optional.of("a header that is not a JSON object");
    }
    if (!HEADER_FIELDS.containsAll(fields.fieldNames())) {
      return Optional.of("a header with fields other than alg, kid and typ");
    }
    if (!algorithm.equals(fields.getValue("alg"))) {
      return Optional.of("an algorithm other than " + algorithm);
    }
    Object keyId = fields.getValue("kid");
    if (!(keyId instanceof String id) || !keyIds.contains(id)) {
      return Optional.of("no key id, or an unknown one");
    }
    Object type = fields.getValue("typ");
    if (type != null && !"JWT".equals(type)) {
      return Optional.of("a type other than JWT");
    }
    Integer length = SIGNATURE_BYTES.get(algorithm);
    if (length != null && signature.length != length) {
      return Optional.of("a signature of " + signature.length + " bytes");
    }
    return Optional.empty();
  }

  /** The bytes, if the text is their one unpadded base64url spelling; null otherwise. */
  private static byte[] canonical(String text) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)
        ? bytes
        : null;
  }
}
