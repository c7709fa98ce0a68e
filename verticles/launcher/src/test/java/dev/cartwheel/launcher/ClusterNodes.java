package dev.cartwheel.launcher;

import dev.cartwheel.embedded.Ports;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cluster of real JVMs of the built jar on 127.0.0.1, each with its roles, joined over TCP and sharing
 * the test JVM's PostgreSQL and Kafka, the way an operator runs one (README, "Running a cluster").
 * Members are killed at close.
 */
final class ClusterNodes implements AutoCloseable {

  private static final Duration START = Duration.ofSeconds(150);

  /** One node: its roles and process; its HTTP ports are picked by the node and read from its banner. */
  record Member(String name, String roles, int clusterPort, NodeProcess process) {

    boolean runsGateway() {
      return List.of(roles.split(",")).contains("gateway") || roles.equals("all");
    }

    URI gateway() {
      return URI.create(banner(READY));
    }

    /** Where this node answers /health and /info: its gateway, or its ops server. */
    URI ops() {
      return runsGateway() ? gateway() : URI.create(banner(OPERATIONS));
    }

    private String banner(Pattern line) {
      return process.stdoutLines().stream()
          .map(line::matcher)
          .filter(Matcher::find)
          .map(found -> found.group(1))
          .findFirst()
          .orElseThrow(() -> new AssertionError(name + " printed no " + line));
    }
  }

  private static final Pattern READY = Pattern.compile("Cartwheel is ready at (http://\\S+)");
  private static final Pattern OPERATIONS = Pattern.compile("operations +(http://\\S+)");

  private final String name = "it-" + UUID.randomUUID();
  private final Path root;
  private final Map<String, String> settings;
  private final List<Integer> clusterPorts = new ArrayList<>();
  private final List<Member> members = new CopyOnWriteArrayList<>();
  private final Vertx vertx = Vertx.vertx();
  private final Map<String, WebClient> clients = new ConcurrentHashMap<>();

  private ClusterNodes(String layout, Map<String, String> settings) {
    this.root = Path.of("target", "cluster", layout + "-" + name.substring(3, 11));
    this.settings = settings;
  }

  /**
   * Starts one node per entry of {@code roles} (a {@code CARTWHEEL_VERTICLES} value): the first, then the
   * others at once, as the README tells operators. {@code clustered} false with one node: the whole
   * platform in one JVM, no cluster.
   */
  static ClusterNodes start(
      String layout, boolean clustered, Map<String, String> settings, String... roles)
      throws InterruptedException {
    ClusterNodes cluster = new ClusterNodes(layout, settings);
    // the test's PostgreSQL and Kafka take their ports first, or one could take a cluster port
    // picked here
    TestServices.postgresUrl();
    TestServices.kafkaBootstrap();
    // the nodes run with their files and environment, whatever an earlier test changed live
    RunningPlatform.forgetLiveSettings();
    for (int i = 0; i < roles.length; i++) {
      cluster.clusterPorts.add(Ports.free());
    }
    cluster
        .launch("node-a", roles[0], cluster.clusterPorts.get(0), clustered, Map.of())
        .process()
        .awaitStarted(START);
    List<Member> others = new ArrayList<>();
    for (int i = 1; i < roles.length; i++) {
      others.add(
          cluster.launch(
              "node-" + (char) ('a' + i),
              roles[i],
              cluster.clusterPorts.get(i),
              clustered,
              Map.of()));
    }
    for (Member member : others) {
      member.process().awaitStarted(START);
    }
    return cluster;
  }

  /** Scale out: one more node joining the running cluster. */
  Member add(String roles) throws InterruptedException {
    return add(roles, Map.of());
  }

  /** One more node, with {@code env} over the cluster's settings. */
  Member add(String roles, Map<String, String> env) throws InterruptedException {
    int port = Ports.free();
    clusterPorts.add(port);
    Member member = launch("node-" + (char) ('a' + members.size()), roles, port, true, env);
    member.process().awaitStarted(START);
    return member;
  }

  private Member launch(
      String nodeName,
      String roles,
      int clusterPort,
      boolean clustered,
      Map<String, String> nodeSettings) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CARTWHEEL_VERTICLES", roles,
                "CARTWHEEL_PG_URL", TestServices.postgresUrl(),
                "CARTWHEEL_KAFKA_BOOTSTRAP", TestServices.kafkaBootstrap(),
                "CARTWHEEL_HTTP_PORT", "0",
                "CARTWHEEL_OPS_PORT", "0",
                "CARTWHEEL_USERS_HASH_MEMORY_KIB", "8192",
                "CARTWHEEL_USERS_HASH_ITERATIONS", "1",
                "CARTWHEEL_RATE_LIMITS_ENABLED", "false"));
    if (clustered) {
      env.putAll(
          Map.of(
              "CARTWHEEL_CLUSTER",
              "true",
              "CARTWHEEL_CLUSTER_NAME",
              name,
              "CARTWHEEL_CLUSTER_PORT",
              String.valueOf(clusterPort),
              "CARTWHEEL_CLUSTER_MEMBERS",
              joinAddresses()));
    }
    env.putAll(settings);
    env.putAll(nodeSettings);
    NodeProcess process = NodeProcess.start(root.resolve(nodeName), env);
    Member member = new Member(nodeName, roles, clusterPort, process);
    members.add(member);
    return member;
  }

  /** The Hazelcast cluster name, and the addresses its members join (what an outsider would need). */
  String clusterName() {
    return name;
  }

  String joinAddresses() {
    return clusterPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
  }

  List<Member> members() {
    return List.copyOf(members);
  }

  Member member(String nodeName) {
    return members.stream()
        .filter(member -> member.name().equals(nodeName))
        .findFirst()
        .orElseThrow();
  }

  /** The first node with a gateway. */
  Member gatewayNode() {
    return members.stream().filter(Member::runsGateway).findFirst().orElseThrow();
  }

  /** A client of the member's gateway, or of its ops server when it has none. */
  WebClient client(Member member) {
    return clients.computeIfAbsent(
        member.name(),
        ignored ->
            WebClient.create(
                vertx,
                new WebClientOptions()
                    .setDefaultHost("127.0.0.1")
                    .setDefaultPort(member.ops().getPort())));
  }

  Vertx vertx() {
    return vertx;
  }

  /** GET /info of a member (its gateway or ops server). */
  JsonObject info(Member member) {
    return client(member).get("/info").send().await().bodyAsJsonObject();
  }

  @Override
  public void close() throws InterruptedException {
    for (Member member : members) {
      if (member.process().isAlive()) {
        member.process().thaw();
        member.process().kill();
      }
    }
    vertx.close().await();
  }
}
