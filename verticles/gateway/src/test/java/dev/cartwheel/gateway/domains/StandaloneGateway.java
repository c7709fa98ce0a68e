package dev.cartwheel.gateway.domains;

import dev.cartwheel.codecs.Codecs;
import dev.cartwheel.gateway.GatewayConfig;
import dev.cartwheel.gateway.GatewayVerticle;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.config.LiveConfig;
import dev.cartwheel.runtime.node.Node;
import dev.cartwheel.testkit.TestConfig;
import dev.cartwheel.testkit.TestNodes;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.Map;

/** What a gateway deployed alone on a test's Vert.x needs: a node, the codecs and a live configuration. */
final class StandaloneGateway {

  private StandaloneGateway() {}

  /** Installs a test node, the codecs and a live configuration (the defaults with {@code overrides}) that hears published changes. */
  static LiveConfig prepare(Vertx vertx, Map<String, String> overrides) {
    TestNodes.install(vertx);
    Codecs.registerAll(vertx.eventBus());
    LiveConfig live =
        new LiveConfig(
            vertx, new ConfigReader(TestConfig.standalone(vertx, overrides)), GatewayConfig::from);
    LiveConfig.install(vertx, live);
    live.listen().await();
    return live;
  }

  /** Deploys the gateway with {@code live}'s configuration; answers a client of its port. */
  static WebClient deploy(Vertx vertx, LiveConfig live) {
    vertx
        .deployVerticle(
            GatewayVerticle.class, new DeploymentOptions().setConfig(live.current().json()))
        .await();
    URI url = URI.create(Node.of(vertx).url().orElseThrow());
    return WebClient.create(
        vertx, new WebClientOptions().setDefaultHost(url.getHost()).setDefaultPort(url.getPort()));
  }
}
