package dev.cartwheel.runtime.auth;

import dev.cartwheel.runtime.config.ConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The verification keys as a JSON Web Key Set (RFC 7517), for {@code /.well-known/jwks.json}: a client or a
 * partner's gateway verifies the platform's tokens with it, and follows a key rotation by its {@code kid}s.
 */
public final class JwkSet {

  private JwkSet() {}

  public static JsonObject of(JwtSettings settings) {
    JsonArray keys = new JsonArray();
    for (Map.Entry<String, String> key : settings.verificationKeys().entrySet()) {
      keys.add(
          jwk(publicKey(key.getValue(), key.getKey()))
              .put("kid", key.getKey())
              .put("use", "sig")
              .put("alg", settings.algorithm()));
    }
    return new JsonObject().put("keys", keys);
  }

  private static JsonObject jwk(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      return new JsonObject()
          .put("kty", "EC")
          .put("crv", "P-" + ec.getParams().getCurve().getField().getFieldSize())
          .put("x", unsigned(ec.getW().getAffineX(), size))
          .put("y", unsigned(ec.getW().getAffineY(), size));
    }
    if (key instanceof RSAPublicKey rsa) {
      return new JsonObject()
          .put("kty", "RSA")
          .put("n", unsigned(rsa.getModulus(), (rsa.getModulus().bitLength() + 7) / 8))
          .put(
              "e",
              unsigned(rsa.getPublicExponent(), (rsa.getPublicExponent().bitLength() + 7) / 8));
    }
    if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
      // the raw key is the last 32 bytes of its X.509 encoding
      byte[] encoded = key.getEncoded();
      return new JsonObject()
          .put("kty", "OKP")
          .put("crv", "Ed25519")
          .put("x", base64Url(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
    }
    throw new IllegalStateException("no JWK form for a " + key.getAlgorithm() + " key");
  }

  private static PublicKey publicKey(String pem, String id) {
    try {
      if (pem.contains("-----BEGIN CERTIFICATE-----")) {
        return CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
            .getPublicKey();
      }
      byte[] der =
          Base64.getMimeDecoder()
              .decode(pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").strip());
      X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
      for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
        try {
          return KeyFactory.getInstance(algorithm).generatePublic(spec);
        } catch (GeneralSecurityException notThisOne) {
          // the next kind
        }
      }
      throw new ConfigException("jwt.publicKey", "key id " + id + " is no EC, RSA or Ed25519 key");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigException(
          "jwt.publicKey", "key id " + id + " cannot be read: " + e.getMessage());
    }
  }

  /** A non-negative integer as base64url of exactly {@code size} big-endian bytes. */
  private static String unsigned(BigInteger value, int size) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[size];
    int copied = Math.min(bytes.length, size);
    System.arraycopy(bytes, bytes.length - copied, fixed, size - copied, copied);
    return base64Url(fixed);
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
