package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.runtime.node.Node;
import dev.cartwheel.testkit.TestKeys;
import dev.cartwheel.users.UsersVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A signing key rotated under load, as docs/http-api.md tells operators: every node already verifies the next
 * key (a file in {@code jwt.verificationKeysDir}), then the users domain signs with it. Requests with the old
 * key's tokens and the new key's go on throughout, and none is refused.
 */
@Timeout(120)
class TokenRotationIT {

  @Test
  @DisplayName(
      "the signing key rotated under load: tokens of the old key and of the new one all pass, no 401")
  void rotationUnderLoad() throws Exception {
    KeyPair old = TestKeys.ecKeyPair();
    KeyPair next = TestKeys.ecKeyPair();
    Path keys = Files.createTempDirectory(Path.of("target"), "jwt-keys");
    Files.writeString(keys.resolve("key-2.pem"), TestKeys.publicPem(next));
    try (RunningPlatform node =
        RunningPlatform.start(
            Map.of(
                "jwt.keyId", "key-1",
                "jwt.publicKey", TestKeys.publicPem(old),
                "jwt.privateKey", TestKeys.privatePem(old),
                "jwt.verificationKeysDir", keys.toString()))) {
      Shoppers.Shopper ada = Shoppers.register(node, "ada");
      List<String> tokens = new CopyOnWriteArrayList<>(List.of(ada.token()));
      Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
      AtomicInteger sent = new AtomicInteger();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread load =
          new Thread(
              () -> {
                int i = 0;
                while (running.get()) {
                  String token = tokens.get(i++ % tokens.size());
                  // orders' list: it needs the token, not the users domain, which is replaced
                  // meanwhile
                  int status =
                      node.http
                          .get("/api/v1/orders")
                          .bearerTokenAuthentication(token)
                          .send()
                          .await()
                          .statusCode();
                  answers.computeIfAbsent(status, ignored -> new AtomicInteger()).incrementAndGet();
                  sent.incrementAndGet();
                }
              },
              "rotation-load");
      load.start();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= 20);
        // the users domain now signs with key-2, as a restarted users node would
        String oldUsers =
            node.platform.node().deployments().stream()
                .filter(deployment -> deployment.verticle().equals("users"))
                .map(Node.Deployment::deploymentId)
                .findFirst()
                .orElseThrow();
        node.platform.vertx().undeploy(oldUsers).await();
        JsonObject config = node.platform.config().json().copy();
        config
            .getJsonObject("jwt")
            .put("keyId", "key-2")
            .put("publicKey", TestKeys.publicPem(next))
            .put("privateKey", TestKeys.privatePem(next));
        node.platform
            .vertx()
            .deployVerticle(new UsersVerticle(), new DeploymentOptions().setConfig(config))
            .await();
        // the gateway refuses a domain until its new instance's registry record reaches it (503):
        // wait for it
        AtomicReference<String> signed = new AtomicReference<>();
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> signed.set(Shoppers.login(node, ada.email(), "correct-horse-ada").token()));
        String fromNewKey = signed.get();
        assertThat(header(fromNewKey).getString("kid")).isEqualTo("key-2");
        tokens.add(fromNewKey);
        int beforeNewKey = sent.get();
        // both keys' tokens in turn, 20 requests at least
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= beforeNewKey + 20);
      } finally {
        running.set(false);
        load.join();
      }
      assertThat(answers.keySet()).as("statuses of GET /orders: %s", answers).containsOnly(200);
      assertThat(answers.get(200).get()).as("requests during the rotation").isGreaterThan(20);
    }
  }

  private static JsonObject header(String token) {
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
  }
}
