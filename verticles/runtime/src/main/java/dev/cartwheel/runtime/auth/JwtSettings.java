package dev.cartwheel.runtime.auth;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Token settings. Keys are PEM text (asymmetric: {@code ES256} by default), given inline or as files (a
 * Kubernetes secret is mounted as files). Only the users domain needs the private key, to sign; everyone
 * else verifies. Every key has an id ({@code kid}): the signing key's is {@code jwt.keyId}, and each file
 * {@code <kid>.pem} of {@code jwt.verificationKeysDir} adds a key that verifies only, so that a key can be
 * rotated without logging anyone out. No profile but {@code dev} has keys, so a production node without
 * keys refuses to start.
 *
 * @param verificationKeys every key that verifies, by id, the signing key's first
 */
public record JwtSettings(
    String algorithm,
    String issuer,
    Duration ttl,
    String keyId,
    Map<String, String> verificationKeys,
    Optional<String> privateKey) {

  /** Asymmetric only: with an HMAC algorithm the public key, which every node has, would be the signing secret. */
  private static final Set<String> ASYMMETRIC =
      Set.of(
          "ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA");

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

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
    String keyId = keyId("jwt.keyId", config.requiredString("jwt.keyId"));
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put(
        keyId,
        pem(config, "jwt.publicKey", "jwt.publicKeyFile")
            // neither given: the usual "is required in profile ..." names the key
            .orElseGet(() -> config.requiredString("jwt.publicKey")));
    config
        .optionalString("jwt.verificationKeysDir")
        .ifPresent(dir -> addVerificationKeys(Path.of(dir), keys));
    return new JwtSettings(
        algorithm,
        config.requiredString("jwt.issuer"),
        Duration.ofSeconds(config.integer("jwt.ttlSeconds", 60, 7 * 24 * 3600)),
        keyId,
        Collections.unmodifiableMap(keys),
        pem(config, "jwt.privateKey", "jwt.privateKeyFile"));
  }

  /** The PEM given inline under {@code key}, or in the file {@code fileKey} names; never both. */
  private static Optional<String> pem(ConfigReader config, String key, String fileKey) {
    Optional<String> inline = config.optionalString(key);
    Optional<String> file = config.optionalString(fileKey);
    if (inline.isPresent() && file.isPresent()) {
      throw new ConfigException(fileKey, "is set together with " + key + ": give one of them");
    }
    return file.isPresent() ? Optional.of(read(fileKey, Path.of(file.get()))) : inline;
  }

  /** Each {@code <kid>.pem} of the directory: a key that verifies tokens signed under that id. */
  private static void addVerificationKeys(Path dir, Map<String, String> keys) {
    List<Path> files;
    try (Stream<Path> listed = Files.list(dir)) {
      files = listed.filter(file -> file.toString().endsWith(".pem")).sorted().toList();
    } catch (IOException e) {
      throw new ConfigException(
          "jwt.verificationKeysDir", "cannot be read: " + dir + " (" + e + ")");
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      String id = keyId("jwt.verificationKeysDir", name.substring(0, name.length() - 4));
      String pem = read("jwt.verificationKeysDir", file);
      String known = keys.putIfAbsent(id, pem);
      if (known != null && !known.strip().equals(pem.strip())) {
        throw new ConfigException(
            "jwt.verificationKeysDir", file + " holds another key under the id " + id);
      }
    }
  }

  private static String keyId(String key, String id) {
    if (!KEY_ID.matcher(id).matches()) {
      throw new ConfigException(key, "key id \"" + id + "\" must be 1 to 64 of A-Z a-z 0-9 . _ -");
    }
    return id;
  }

  private static String read(String key, Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read " + file + " (" + e + ")");
    }
  }

  @Override
  public String toString() {
    return "JwtSettings[algorithm="
        + algorithm
        + ", issuer="
        + issuer
        + ", ttl="
        + ttl
        + ", keys="
        + verificationKeys.keySet()
        + "]";
  }
}
