package dev.cartwheel.launcher;

import dev.cartwheel.runtime.config.ConfigException;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Mutual TLS on the event bus between nodes: this node's key and certificate, and the cluster's CA that
 * every node's certificate must chain to. A node without one, or with one from another CA, can neither
 * open a connection to this node's event bus nor accept one from it.
 */
final class ClusterTls {

  private final NodeSettings.Tls files;
  private final PrivateKey key;
  private final X509Certificate certificate;
  private final PKIXParameters trust;

  private ClusterTls(
      NodeSettings.Tls files, PrivateKey key, X509Certificate certificate, PKIXParameters trust) {
    this.files = files;
    this.key = key;
    this.certificate = certificate;
    this.trust = trust;
  }

  /** Reads and checks the three files: the certificate chains to the CA, and the key is its key. */
  static ClusterTls load(NodeSettings.Tls files) {
    List<X509Certificate> authorities = certificates(files.caFile(), "cluster.tls.caFile");
    PKIXParameters trust;
    try {
      trust =
          new PKIXParameters(
              authorities.stream()
                  .map(authority -> new TrustAnchor(authority, null))
                  .collect(Collectors.toSet()));
    } catch (GeneralSecurityException e) {
      throw new ConfigException("cluster.tls.caFile", "not a CA certificate: " + e.getMessage());
    }
    // revocation lists are not kept; a certificate is retired by rotating the CA
    // (docs/operations.md)
    trust.setRevocationEnabled(false);
    X509Certificate certificate = certificates(files.certFile(), "cluster.tls.certFile").get(0);
    ClusterTls tls = new ClusterTls(files, privateKey(files.keyFile()), certificate, trust);
    if (!tls.chainsToCa(certificate)) {
      throw new ConfigException(
          "cluster.tls.certFile",
          files.certFile()
              + " is not signed by the CA in cluster.tls.caFile, or is out of its validity period");
    }
    byte[] probe = "cartwheel".getBytes(StandardCharsets.UTF_8);
    if (!tls.verifies(certificate, probe, tls.sign(probe))) {
      throw new ConfigException(
          "cluster.tls.keyFile", files.keyFile() + " is not the key of cluster.tls.certFile");
    }
    return tls;
  }

  /** TLS on the event bus's server and client, a certificate required both ways. */
  void applyTo(EventBusOptions options) {
    options
        .setSsl(true)
        .setClientAuth(ClientAuth.REQUIRED)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(files.certFile().toString())
                .setKeyPath(files.keyFile().toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(files.caFile().toString()));
  }

  /** For the banner: whose certificate this node shows, and until when. */
  String describe() {
    return "mutual TLS, "
        + certificate.getSubjectX500Principal().getName()
        + " (until "
        + certificate.getNotAfter().toInstant()
        + "), CA "
        + certificate.getIssuerX500Principal().getName();
  }

  X509Certificate certificate() {
    return certificate;
  }

  byte[] sign(byte[] statement) {
    try {
      Signature signature = Signature.getInstance(signatureAlgorithm(key.getAlgorithm()));
      signature.initSign(key);
      signature.update(statement);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + files.keyFile(), e);
    }
  }

  /** Whether {@code certificate} is one of the cluster's: issued by its CA and valid now. */
  boolean chainsToCa(X509Certificate certificate) {
    try {
      CertPathValidator.getInstance("PKIX")
          .validate(
              CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)),
              trust);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Whether {@code signature} over {@code statement} was made with {@code certificate}'s key. */
  boolean verifies(X509Certificate certificate, byte[] statement, byte[] signature) {
    try {
      Signature verifier =
          Signature.getInstance(signatureAlgorithm(certificate.getPublicKey().getAlgorithm()));
      verifier.initVerify(certificate);
      verifier.update(statement);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String signatureAlgorithm(String keyAlgorithm) {
    return switch (keyAlgorithm) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> keyAlgorithm; // Ed25519, Ed448: the key names its signature
    };
  }

  private static List<X509Certificate> certificates(Path file, String key) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certificates.isEmpty()) {
        throw new ConfigException(key, file + " holds no PEM certificate");
      }
      return certificates;
    } catch (IOException e) {
      throw new ConfigException(key, "cannot read " + file.toAbsolutePath() + ": " + e);
    } catch (GeneralSecurityException e) {
      throw new ConfigException(key, file + " is not a PEM certificate: " + e.getMessage());
    }
  }

  private static final Set<String> KEY_ALGORITHMS = Set.of("EC", "RSA", "Ed25519", "Ed448");

  private static PrivateKey privateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigException(
          "cluster.tls.keyFile", "cannot read " + file.toAbsolutePath() + ": " + e);
    }
    String begin = "-----BEGIN PRIVATE KEY-----";
    int start = pem.indexOf(begin);
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (start < 0 || end < start) {
      throw new ConfigException(
          "cluster.tls.keyFile",
          file
              + " is not a PKCS#8 PEM key (BEGIN PRIVATE KEY); convert one with"
              + " openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end).strip());
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisOne) {
        // try the next algorithm
      }
    }
    throw new ConfigException(
        "cluster.tls.keyFile", file + " is not an EC, RSA or EdDSA private key");
  }
}
