package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwheel.embedded.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The runnable jar, started as a separate JVM the way the README tells a newcomer and an operator to. */
@Timeout(300)
class LauncherProcessIT {

  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration STOP = Duration.ofSeconds(60);
  private static final Pattern POSTGRES =
      Pattern.compile(
          "PostgreSQL\\s+postgresql://postgres@127\\.0\\.0\\.1:(\\d+)/cartwheel \\(embedded\\)");
  private static final Pattern KAFKA =
      Pattern.compile("Kafka\\s+(127\\.0\\.0\\.1:\\d+) \\(embedded\\)");
  private static final JsonObject ADA =
      new JsonObject()
          .put("email", "ada@example.com")
          .put("password", "analytical-engine-1843")
          .put("fullName", "Ada Lovelace");

  private static Vertx vertx;
  private static WebClient http;

  @BeforeAll
  static void client() {
    vertx = Vertx.vertx();
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void closeClient() {
    http.close();
    vertx.close().await();
  }

  @Test
  @DisplayName(
      "java -jar with nothing configured: a quiet start, embedded PostgreSQL and Kafka, the whole platform, a clean stop on Ctrl-C, data kept for the next run")
  void runsTheWholePlatformWithEmbeddedServices() throws Exception {
    Path workDir = freshDir("standalone");
    int httpPort = Ports.free();
    try (ServerSocket busyPostgresPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, String> env =
          Map.of(
              "CARTWHEEL_HTTP_PORT", String.valueOf(httpPort),
              "CARTWHEEL_EMBEDDED_PG_PORT", String.valueOf(busyPostgresPort.getLocalPort()),
              "CARTWHEEL_EMBEDDED_KAFKA_PORT", String.valueOf(Ports.free()),
              "CARTWHEEL_HTTP_DRAIN_GRACE_MS", "1500");
      int postgresPort;
      String kafkaBootstrap;
      try (NodeProcess node = NodeProcess.start(workDir, env)) {
        URI url = URI.create(node.awaitReady(START));
        assertThat(url.getPort()).isEqualTo(httpPort);
        assertThat(node.stdoutLines())
            .anyMatch(line -> line.contains("data directory  " + workDir.resolve("data")))
            .anyMatch(line -> line.contains("payments        simulated provider"));
        postgresPort = Integer.parseInt(node.awaitLine(POSTGRES, START).group(1));
        kafkaBootstrap = node.awaitLine(KAFKA, START).group(1);
        assertThat(postgresPort)
            .as("embedded PostgreSQL moves off a busy port")
            .isNotEqualTo(busyPostgresPort.getLocalPort());
        assertQuietStart(node);

        assertThat(get(url, "/health/ready").statusCode()).isEqualTo(200);
        String token = post(url, "/api/v1/users", ADA).bodyAsJsonObject().getString("token");
        assertThat(
                getWithToken(url, "/api/v1/users/me", token).bodyAsJsonObject().getString("email"))
            .isEqualTo("ada@example.com");
        assertThat(countUsers(postgresPort, "ada@example.com"))
            .as("psql can reach the printed PostgreSQL")
            .isEqualTo(1);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafkaBootstrap))) {
          assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
              .as("kcat can reach the printed Kafka")
              .hasSize(1);
        }

        node.ctrlC();
        List<Integer> readiness = readinessUntilClosed(url);
        assertThat(readiness)
            .as("/health/ready every 20 ms from SIGTERM to the close")
            .contains(503);
        assertThat(readiness.subList(readiness.indexOf(503), readiness.size()))
            .as("once 503, never ready again")
            .containsOnly(503);
        assertThat(readiness.stream().filter(status -> status == 503).count())
            .as("503s during the 1.5 s grace")
            .isGreaterThanOrEqualTo(5);
        int exit = node.awaitExit(STOP);
        assertThat(exit).as("exit code after SIGINT").isIn(0, 130);
        List<String> stop = after(node.stdoutLines(), "Cartwheel is stopping");
        assertThat(stop)
            .as("each stage of the stop, with its time")
            .anyMatch(line -> line.matches(".* undeployed gateway in \\d+ ms"))
            .anyMatch(line -> line.matches(".* undeployed users in \\d+ ms"))
            .anyMatch(line -> line.matches(".* stopped the embedded Kafka broker in \\d+ ms"))
            .anyMatch(line -> line.matches(".* stopped the embedded PostgreSQL in \\d+ ms"))
            .anyMatch(line -> line.matches(".* Cartwheel stopped in \\d+ ms"));
        assertThat(stop)
            .as(
                "Ctrl-C reaches the node only: the broker it drains into stays up until the node stops it")
            .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
      }
      assertThat(Ports.accepts(httpPort)).as("HTTP port released").isFalse();
      assertThat(Ports.accepts(postgresPort)).as("embedded PostgreSQL stopped").isFalse();
      assertThat(Ports.accepts(Integer.parseInt(kafkaBootstrap.split(":")[1])))
          .as("embedded Kafka stopped")
          .isFalse();

      try (NodeProcess again = NodeProcess.start(workDir, env)) {
        URI url = URI.create(again.awaitReady(START));
        HttpResponse<Buffer> login =
            post(
                url,
                "/api/v1/sessions",
                new JsonObject()
                    .put("email", "ada@example.com")
                    .put("password", "analytical-engine-1843"));
        assertThat(login.statusCode()).as("the account survived the restart").isEqualTo(200);
        assertThat(again.terminate(STOP)).isIn(0, 143);
      }
    }
  }

  static Stream<Arguments> badConfigurations() {
    return Stream.of(
        Arguments.of(
            Map.of("CARTWHEEL_HTTP_PORT", "eighty"),
            List.of(),
            "http.port (CARTWHEEL_HTTP_PORT): expected an integer between 0 and 65535, got \"eighty\""),
        Arguments.of(
            Map.of(),
            List.of("--verticles", "gateway,inventoryy"),
            "deploy (CARTWHEEL_VERTICLES): unknown verticle 'inventoryy'"),
        Arguments.of(
            Map.of("CARTWHEEL_HTTP_PROT", "9000"),
            List.of(),
            "CARTWHEEL_HTTP_PROT: unknown setting"),
        Arguments.of(
            Map.of("CARTWHEEL_PROFILE", "prod"),
            List.of(),
            "pg.url (CARTWHEEL_PG_URL): is required in profile 'prod'"),
        Arguments.of(
            Map.of(
                "CARTWHEEL_PROFILE",
                "prod",
                "CARTWHEEL_PG_URL",
                "postgresql://cartwheel@127.0.0.1:5432/cartwheel",
                "CARTWHEEL_KAFKA_BOOTSTRAP",
                "127.0.0.1:9092"),
            List.of(),
            "jwt.publicKey (CARTWHEEL_JWT_PUBLIC_KEY): is required in profile 'prod'"),
        Arguments.of(
            Map.of("CARTWHEEL_KAFKA_BOOTSTRAP", "kafka-without-port"),
            List.of(),
            "kafka.bootstrap (CARTWHEEL_KAFKA_BOOTSTRAP): expected host:port[,host:port...]"),
        Arguments.of(
            Map.of("CARTWHEEL_JWT_ALGORITHM", "HS256"),
            List.of(),
            "jwt.algorithm (CARTWHEEL_JWT_ALGORITHM): must be an asymmetric algorithm"),
        Arguments.of(
            Map.of("CARTWHEEL_PG_URL", "postgresql://shop:S3cret-Pw@127.0.0.1:99999/shop"),
            List.of(),
            "pg.url (CARTWHEEL_PG_URL): not a PostgreSQL URI"));
  }

  @ParameterizedTest
  @MethodSource("badConfigurations")
  @DisplayName("a bad configuration stops start-up with one line naming the key, and exit code 2")
  void badConfigurationStopsStartup(Map<String, String> env, List<String> args, String expected)
      throws Exception {
    try (NodeProcess node =
        NodeProcess.start(freshDir("bad-config"), env, args.toArray(String[]::new))) {
      assertThat(node.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(node.stderrLines()).hasSize(1);
      assertThat(node.stderrLines().get(0))
          .startsWith("cartwheel: bad configuration: ")
          .contains(expected)
          .doesNotContain("S3cret");
      assertThat(node.stdoutLines()).noneMatch(line -> line.contains("S3cret"));
    }
  }

  @Test
  @DisplayName(
      "a taken HTTP port fails start-up at once, in one line naming the port and its setting, exit 1, before any embedded service starts")
  void failedStartupCleansUp() throws Exception {
    int postgresPort = Ports.free();
    int kafkaPort = Ports.free();
    Path workDir = freshDir("port-taken");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        NodeProcess node =
            NodeProcess.start(
                workDir,
                Map.of(
                    "CARTWHEEL_HTTP_PORT", String.valueOf(taken.getLocalPort()),
                    "CARTWHEEL_EMBEDDED_PG_PORT", String.valueOf(postgresPort),
                    "CARTWHEEL_EMBEDDED_KAFKA_PORT", String.valueOf(kafkaPort)))) {
      assertThat(node.awaitExit(START)).isEqualTo(1);
      assertThat(node.stderrLines()).hasSize(1);
      assertThat(node.stderrLines().get(0))
          .startsWith(
              "cartwheel: start-up failed: http.port (CARTWHEEL_HTTP_PORT): 127.0.0.1:"
                  + taken.getLocalPort()
                  + " is taken");
    }
    assertThat(workDir.resolve("data").resolve("postgres"))
        .as("no embedded PostgreSQL was even set up")
        .doesNotExist();
    assertThat(Ports.accepts(postgresPort)).as("embedded PostgreSQL left running").isFalse();
    assertThat(Ports.accepts(kafkaPort)).as("embedded Kafka left running").isFalse();
  }

  @Test
  @DisplayName(
      "a PostgreSQL that does not answer fails start-up in one line naming its address and setting, exit 1")
  void unreachablePostgresIsNamed() throws Exception {
    int closedPort = Ports.free();
    try (NodeProcess node =
        NodeProcess.start(
            freshDir("no-postgres"),
            Map.of(
                "CARTWHEEL_HTTP_PORT", String.valueOf(Ports.free()),
                "CARTWHEEL_PG_URL", "postgresql://shop:S3cret-Pw@127.0.0.1:" + closedPort + "/shop",
                "CARTWHEEL_KAFKA_BOOTSTRAP", "127.0.0.1:" + Ports.free()))) {
      assertThat(node.awaitExit(START)).isEqualTo(1);
      assertThat(node.stderrLines()).hasSize(1);
      assertThat(node.stderrLines().get(0))
          .startsWith(
              "cartwheel: start-up failed: PostgreSQL at postgresql://shop@127.0.0.1:"
                  + closedPort
                  + "/shop (pg.url, CARTWHEEL_PG_URL) cannot be reached: ")
          .doesNotContain("S3cret");
    }
  }

  @Test
  @DisplayName(
      "SIGTERM while the node is still starting stops it cleanly, embedded services included")
  void sigtermDuringStartup() throws Exception {
    int postgresPort = Ports.free();
    int kafkaPort = Ports.free();
    try (NodeProcess node =
        NodeProcess.start(
            freshDir("early-sigterm"),
            Map.of(
                "CARTWHEEL_HTTP_PORT", String.valueOf(Ports.free()),
                "CARTWHEEL_EMBEDDED_PG_PORT", String.valueOf(postgresPort),
                "CARTWHEEL_EMBEDDED_KAFKA_PORT", String.valueOf(kafkaPort)))) {
      node.awaitLine(Pattern.compile("Created database cartwheel|initdb"), START);
      assertThat(node.terminate(STOP)).isIn(0, 1, 143);
    }
    assertThat(Ports.accepts(postgresPort)).as("embedded PostgreSQL left running").isFalse();
    assertThat(Ports.accepts(kafkaPort)).as("embedded Kafka left running").isFalse();
  }

  @Test
  @DisplayName(
      "--cluster: a second node joins the first over loopback and serves its users through the clustered event bus")
  void clusteredNodesJoin() throws Exception {
    String clusterName = "it-" + UUID.randomUUID();
    int firstClusterPort = Ports.free();
    Map<String, String> first =
        Map.of(
            "CARTWHEEL_HTTP_PORT",
            String.valueOf(Ports.free()),
            "CARTWHEEL_EMBEDDED_PG_PORT",
            "0",
            "CARTWHEEL_EMBEDDED_KAFKA_PORT",
            "0",
            "CARTWHEEL_CLUSTER_NAME",
            clusterName,
            "CARTWHEEL_CLUSTER_PORT",
            String.valueOf(firstClusterPort));
    try (NodeProcess a = NodeProcess.start(freshDir("cluster-a"), first, "--cluster")) {
      a.awaitReady(START);
      String postgres =
          "postgresql://postgres@127.0.0.1:" + a.awaitLine(POSTGRES, START).group(1) + "/cartwheel";
      String kafka = a.awaitLine(KAFKA, START).group(1);
      Map<String, String> second =
          Map.of(
              "CARTWHEEL_HTTP_PORT",
              String.valueOf(Ports.free()),
              "CARTWHEEL_PG_URL",
              postgres,
              "CARTWHEEL_KAFKA_BOOTSTRAP",
              kafka,
              "CARTWHEEL_CLUSTER",
              "true",
              "CARTWHEEL_CLUSTER_NAME",
              clusterName,
              "CARTWHEEL_CLUSTER_MEMBERS",
              "127.0.0.1:" + firstClusterPort,
              "CARTWHEEL_CLUSTER_PORT",
              String.valueOf(Ports.free()));
      Path secondDir = freshDir("cluster-b");
      try (NodeProcess b = NodeProcess.start(secondDir, second, "--verticles", "gateway")) {
        URI gatewayOnly = URI.create(b.awaitReady(START));
        assertQuietStart(a);
        assertQuietStart(b);
        assertThat(b.stdoutLines())
            .as("a dev cluster without cluster.tls runs, and says so loudly under the banner")
            .anyMatch(
                line -> line.contains(" WARN ") && line.contains("THE EVENT BUS IS NOT PROTECTED"))
            .anyMatch(
                line -> line.contains("event bus       plain TCP (no cluster.tls): NOT PROTECTED"));
        assertThat(b.stdoutLines())
            .as("given external services, a node starts none")
            .noneMatch(line -> line.contains("(embedded)"));
        assertThat(secondDir.resolve("data")).doesNotExist();

        JsonObject info = get(gatewayOnly, "/info").bodyAsJsonObject();
        assertThat(info.getBoolean("clustered")).isTrue();
        assertThat(info.getInteger("clusterMembers")).isEqualTo(2);
        assertThat(info.getJsonArray("verticles"))
            .containsExactly(new JsonObject().put("name", "gateway").put("instances", 1));

        HttpResponse<Buffer> registered =
            post(gatewayOnly, "/api/v1/users", ADA.copy().put("email", "grace@example.com"));
        assertThat(registered.statusCode())
            .as("registered by the users verticle of the other node")
            .isEqualTo(201);
        HttpResponse<Buffer> taken =
            post(gatewayOnly, "/api/v1/users", ADA.copy().put("email", "grace@example.com"));
        assertThat(taken.bodyAsJsonObject().getString("code"))
            .as("a domain failure crosses the cluster intact")
            .isEqualTo("EMAIL_TAKEN");

        assertThat(b.terminate(STOP)).isIn(0, 143);
      }
      assertThat(a.terminate(STOP)).isIn(0, 143);
    }
  }

  /**
   * The README's promise for a newcomer: the banner and little else. No warning before it (Hazelcast's module
   * access, Micrometer's gauges, Kafka's unknown topics, Flyway's notices), one line per schema migrated.
   */
  private static void assertQuietStart(NodeProcess node) {
    List<String> lines = node.stdoutLines();
    int banner =
        lines.indexOf(
            lines.stream()
                .filter(line -> line.matches(".* cartwheel - Cartwheel \\S+ \\(.*"))
                .findFirst()
                .orElseThrow());
    List<String> beforeBanner = lines.subList(0, banner);
    assertThat(beforeBanner)
        .as("start-up log before the banner")
        .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
    // records, not lines: Hazelcast's membership record spans five
    assertThat(beforeBanner.stream().filter(line -> line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")))
        .as("log records before the banner")
        .hasSizeLessThanOrEqualTo(14);
    // six domains' schemas and the live settings'
    assertThat(beforeBanner.stream().filter(line -> line.contains("Migrations - Schema ")))
        .as("one line per schema")
        .hasSizeLessThanOrEqualTo(7);
    assertThat(node.stderrLines())
        .as("nothing on stderr (java.util.logging's warnings land there)")
        .isEmpty();
  }

  private static List<String> after(List<String> lines, String marker) {
    int from =
        lines.indexOf(
            lines.stream().filter(line -> line.contains(marker)).findFirst().orElseThrow());
    return lines.subList(from, lines.size());
  }

  /**
   * Polls /health/ready every 20 ms until the node stops answering; answers the statuses seen. Meanwhile, while
   * readiness is 503 (the http.drainGraceMs grace), the catalogue must still be served.
   */
  private static List<Integer> readinessUntilClosed(URI url) throws InterruptedException {
    List<Integer> statuses = new ArrayList<>();
    boolean servedWhileNotReady = false;
    long deadline = System.nanoTime() + STOP.toNanos();
    while (System.nanoTime() < deadline) {
      int status;
      try {
        status =
            http.getAbs(url.resolve("/health/ready").toString())
                .timeout(2_000)
                .send()
                .await()
                .statusCode();
      } catch (Exception closed) {
        // await() rethrows the checked ConnectException (or a timeout) as it is
        return statuses;
      }
      statuses.add(status);
      if (status == 503 && !servedWhileNotReady) {
        assertThat(get(url, "/api/v1/products").statusCode())
            .as("the catalogue during the grace")
            .isEqualTo(200);
        servedWhileNotReady = true;
      }
      // the probe's pace, as a load balancer's would be: the loop ends on the node's answer, not on
      // this sleep
      Thread.sleep(20);
    }
    throw new AssertionError("the node still answered " + STOP + " after SIGTERM: " + statuses);
  }

  private static Path freshDir(String name) {
    return Path.of("target", "launcher-it", name + "-" + UUID.randomUUID()).toAbsolutePath();
  }

  private static HttpResponse<Buffer> get(URI base, String path) {
    return http.getAbs(base.resolve(path).toString()).send().await();
  }

  private static HttpResponse<Buffer> getWithToken(URI base, String path, String token) {
    return http.getAbs(base.resolve(path).toString())
        .bearerTokenAuthentication(token)
        .send()
        .await();
  }

  private static HttpResponse<Buffer> post(URI base, String path, JsonObject body) {
    return http.postAbs(base.resolve(path).toString()).sendJsonObject(body).await();
  }

  private static int countUsers(int postgresPort, String email) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgresPort + "/cartwheel", "postgres", "");
        var query =
            connection.prepareStatement("SELECT count(*) FROM users.users WHERE email = ?")) {
      query.setString(1, email);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
