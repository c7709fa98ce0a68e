package dev.cartwheel.runtime.node;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.healthchecks.HealthChecks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Facts about this node that the operations endpoints serve: identity, build, what is deployed, and the
 * readiness checks of the node's dependencies. The launcher installs it in the Vert.x instance before it
 * deploys anything; the gateway (or an ops server) reads it. Thread-safe: verticles on every event loop
 * read it.
 */
public final class Node implements Shareable {

  private static final String MAP = "cartwheel.node";
  private static final String KEY = "node";

  /** One line of the deployment plan as it ran. */
  public record Deployment(String verticle, int instances, String deploymentId) {
  }

  private final String id;
  private final String profile;
  private final BuildInfo build;
  private final Instant startedAt = Instant.now();
  private final HealthChecks readiness;
  private final boolean clustered;
  private final IntSupplier clusterMembers;
  private final List<Deployment> deployments = new CopyOnWriteArrayList<>();
  private final Map<String, Supplier<String>> circuitBreakers = new ConcurrentSkipListMap<>();
  private final Map<String, LongAdder> handled = new ConcurrentSkipListMap<>();
  private volatile String url;
  private volatile boolean started;
  private volatile boolean stopping;

  /**
   * @param clusterMembers how many members the cluster has now, as this node sees it
   */
  public Node(String id, String profile, BuildInfo build, HealthChecks readiness, boolean clustered, IntSupplier clusterMembers) {
    this.id = id;
    this.profile = profile;
    this.build = build;
    this.readiness = readiness;
    this.clustered = clustered;
    this.clusterMembers = clusterMembers;
  }

  public static void install(Vertx vertx, Node node) {
    map(vertx).put(KEY, node);
  }

  /** The node installed by the launcher, or a bare standalone one (for a verticle deployed on its own). */
  public static Node of(Vertx vertx) {
    LocalMap<String, Node> map = map(vertx);
    Node node = map.get(KEY);
    if (node == null) {
      map.putIfAbsent(KEY, new Node(UUID.randomUUID().toString(), "test", BuildInfo.load(), HealthChecks.create(vertx), false, () -> 1));
      node = map.get(KEY);
    }
    return node;
  }

  private static LocalMap<String, Node> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap(MAP);
  }

  public String id() {
    return id;
  }

  public String profile() {
    return profile;
  }

  public BuildInfo build() {
    return build;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public HealthChecks readiness() {
    return readiness;
  }

  public boolean clustered() {
    return clustered;
  }

  public int clusterMembers() {
    return clusterMembers.getAsInt();
  }

  /** Where this node's gateway listens, once it does. */
  public Optional<String> url() {
    return Optional.ofNullable(url);
  }

  public void listeningAt(String url) {
    this.url = url;
  }

  public List<Deployment> deployments() {
    return List.copyOf(deployments);
  }

  public void deployed(Deployment deployment) {
    deployments.add(deployment);
  }

  /** Shows a circuit breaker's state (CLOSED, OPEN, HALF_OPEN) in /info while it exists. */
  public void watchCircuitBreaker(String name, Supplier<String> state) {
    circuitBreakers.put(name, state);
  }

  public void forgetCircuitBreaker(String name) {
    circuitBreakers.remove(name);
  }

  public Map<String, String> circuitBreakers() {
    Map<String, String> states = new TreeMap<>();
    circuitBreakers.forEach((name, state) -> states.put(name, state.get()));
    return states;
  }

  /** Counts a request answered here, by address: /info shows how the cluster spreads the work. */
  public void handled(String address) {
    handled.computeIfAbsent(address, ignored -> new LongAdder()).increment();
  }

  public Map<String, Long> handledRequests() {
    Map<String, Long> counts = new TreeMap<>();
    handled.forEach((address, count) -> counts.put(address, count.sum()));
    return counts;
  }

  /** True once every planned verticle is deployed, until shutdown begins. */
  public boolean serving() {
    return started && !stopping;
  }

  public void markStarted() {
    started = true;
  }

  public void markStopping() {
    stopping = true;
  }
}
