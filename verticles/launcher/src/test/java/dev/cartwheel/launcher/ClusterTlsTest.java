package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.NodeInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event bus's TLS material as the node reads it, and the proof by which members trust each other. */
class ClusterTlsTest {

  @TempDir static Path dir;
  static ClusterCerts ours;
  static ClusterCerts theirs;

  @BeforeAll
  static void certificates() throws Exception {
    ours = ClusterCerts.make(dir.resolve("ours"), "node-a", "node-b");
    theirs = ClusterCerts.make(dir.resolve("theirs"), "intruder");
  }

  @Test
  @DisplayName(
      "a member of the same CA is trusted; the proof names the member's id and event-bus address")
  void aMemberOfTheSameCaIsTrusted() {
    NodeInfo published =
        new TrustedNodes(ClusterTls.load(ours.node("node-a")))
            .attest("id-a", new NodeInfo("10.0.0.1", 41000, new JsonObject().put("kept", 1)));
    TrustedNodes nodeB = new TrustedNodes(ClusterTls.load(ours.node("node-b")));

    assertThat(nodeB.verdict("id-a")).isNull();
    assertThat(nodeB.judge("id-a", published)).isTrue();
    assertThat(nodeB.verdict("id-a")).isTrue();
    assertThat(published.metadata().getInteger("kept")).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "refused: a member with no proof, a garbled one, another CA's, and a true member's proof shown by another id or address")
  void everyOtherMemberIsRefused() {
    NodeInfo genuine =
        new TrustedNodes(ClusterTls.load(ours.node("node-a")))
            .attest("id-a", new NodeInfo("10.0.0.1", 41000, null));
    NodeInfo intruder =
        new TrustedNodes(ClusterTls.load(theirs.node("intruder")))
            .attest("id-x", new NodeInfo("10.0.0.9", 41000, null));
    TrustedNodes nodeB = new TrustedNodes(ClusterTls.load(ours.node("node-b")));

    assertThat(nodeB.judge("no-proof", new NodeInfo("10.0.0.9", 41000, null))).isFalse();
    assertThat(
            nodeB.judge(
                "garbled",
                new NodeInfo(
                    "10.0.0.9",
                    41000,
                    new JsonObject()
                        .put(TrustedNodes.PROOF, new JsonObject().put("certificate", "AAAA")))))
        .isFalse();
    assertThat(nodeB.judge("id-x", intruder)).isFalse();
    assertThat(nodeB.judge("id-copied", genuine)).as("a copied proof, another node id").isFalse();
    assertThat(nodeB.judge("id-a", new NodeInfo("10.0.0.9", 41000, genuine.metadata())))
        .as("a copied proof, another address")
        .isFalse();
    assertThat(nodeB.verdict("id-a")).as("the verdict is kept").isFalse();
  }

  @Test
  @DisplayName(
      "a node refuses to start with a certificate of another CA, a key that is not the certificate's, or a key that is not PKCS#8")
  void badMaterialIsRefusedAtStart() throws Exception {
    assertThatThrownBy(() -> ClusterTls.load(theirsTrustingOurs()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cluster.tls.certFile")
        .hasMessageContaining("is not signed by the CA");

    NodeSettings.Tls a = ours.node("node-a");
    assertThatThrownBy(
            () ->
                ClusterTls.load(
                    new NodeSettings.Tls(a.certFile(), ours.node("node-b").keyFile(), a.caFile())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cluster.tls.keyFile")
        .hasMessageContaining("is not the key of cluster.tls.certFile");

    Path sec1 = dir.resolve("sec1-key.pem");
    Files.writeString(sec1, Files.readString(a.keyFile()).replace("PRIVATE KEY", "EC PRIVATE KEY"));
    assertThatThrownBy(() -> ClusterTls.load(new NodeSettings.Tls(a.certFile(), sec1, a.caFile())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not a PKCS#8 PEM key")
        .hasMessageContaining("openssl pkcs8 -topk8");
  }

  @Test
  @DisplayName(
      "the prod profile refuses a clustered node without cluster TLS; every profile refuses a part of it; dev runs without")
  void prodRequiresClusterTls() {
    assertThatThrownBy(() -> NodeSettings.from(config("prod", true, new JsonObject())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cluster.tls.certFile")
        .hasMessageContaining("needs mutual TLS on its event bus");
    assertThat(NodeSettings.from(config("prod", false, new JsonObject())).cluster().tls())
        .as("not clustered: no event bus between nodes")
        .isEmpty();
    assertThat(NodeSettings.from(config("dev", true, new JsonObject())).cluster().tls()).isEmpty();

    NodeSettings.Tls a = ours.node("node-a");
    assertThatThrownBy(
            () ->
                NodeSettings.from(
                    config(
                        "dev",
                        true,
                        new JsonObject()
                            .put("certFile", a.certFile().toString())
                            .put("keyFile", a.keyFile().toString()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cluster.tls.caFile");
    assertThat(
            NodeSettings.from(
                    config(
                        "prod",
                        true,
                        new JsonObject()
                            .put("certFile", a.certFile().toString())
                            .put("keyFile", a.keyFile().toString())
                            .put("caFile", a.caFile().toString())))
                .cluster()
                .tls())
        .contains(a);
  }

  /** The intruder's certificate and key, with our CA file: so the only fault is who signed it. */
  private static NodeSettings.Tls theirsTrustingOurs() {
    NodeSettings.Tls intruder = theirs.node("intruder");
    return new NodeSettings.Tls(
        intruder.certFile(), intruder.keyFile(), ours.node("node-a").caFile());
  }

  private static ConfigReader config(String profile, boolean clustered, JsonObject tls) {
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(Path.of("..", "..", "conf", "config.json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    json.put("profile", profile);
    json.getJsonObject("cluster").put("enabled", clustered);
    json.getJsonObject("cluster").getJsonObject("tls").mergeIn(tls);
    return new ConfigReader(json);
  }
}
