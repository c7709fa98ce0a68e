package dev.cartwheel.launcher;

import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.NodeInfo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which cluster members proved they are ours. Hazelcast's community edition admits any process that knows
 * the cluster's name, and such a process can register event-bus consumers; TLS refuses its connections,
 * but messages routed to it would wait for their timeout. So every node publishes, in its node
 * information, its certificate and a signature over its node id and event-bus address; a member whose
 * certificate does not chain to the cluster's CA, or whose signature does not verify, is never routed to.
 */
final class TrustedNodes {

  private static final Logger LOG = LoggerFactory.getLogger(TrustedNodes.class);

  /** The node-information metadata field that holds a member's proof. */
  static final String PROOF = "cartwheelTls";

  private final ClusterTls tls;
  private final ConcurrentMap<String, Boolean> verdicts = new ConcurrentHashMap<>();

  TrustedNodes(ClusterTls tls) {
    this.tls = tls;
  }

  /** This node's information with its proof added; this node trusts itself. */
  NodeInfo attest(String nodeId, NodeInfo info) {
    JsonObject metadata = info.metadata() == null ? new JsonObject() : info.metadata().copy();
    try {
      metadata.put(
          PROOF,
          new JsonObject()
              .put("certificate", tls.certificate().getEncoded())
              .put("signature", tls.sign(statement(nodeId, info))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode this node's certificate", e);
    }
    verdicts.put(nodeId, true);
    return new NodeInfo(info.host(), info.port(), metadata);
  }

  /** True or false once a member was judged; null before. */
  Boolean verdict(String nodeId) {
    return verdicts.get(nodeId);
  }

  /** Judges a member by the information it published, once: a node id's information does not change. */
  boolean judge(String nodeId, NodeInfo info) {
    return verdicts.computeIfAbsent(
        nodeId,
        id -> {
          boolean proven = proves(id, info);
          if (!proven) {
            LOG.warn(
                "Cluster member {} at {}:{} shows no proof of a certificate of this cluster's CA: nothing is"
                    + " routed to it, and its event-bus connections are refused",
                id,
                info.host(),
                info.port());
          }
          return proven;
        });
  }

  private boolean proves(String nodeId, NodeInfo info) {
    JsonObject proof = info.metadata() == null ? null : info.metadata().getJsonObject(PROOF);
    if (proof == null) {
      return false;
    }
    try {
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(proof.getBinary("certificate")));
      return tls.chainsToCa(certificate)
          && tls.verifies(certificate, statement(nodeId, info), proof.getBinary("signature"));
    } catch (GeneralSecurityException | RuntimeException malformed) {
      return false;
    }
  }

  private static byte[] statement(String nodeId, NodeInfo info) {
    return ("cartwheel cluster member " + nodeId + " at " + info.host() + ":" + info.port())
        .getBytes(StandardCharsets.UTF_8);
  }
}
