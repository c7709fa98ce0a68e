package dev.cartwheel.runtime.node;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Facts about this node that the operations endpoints serve: identity, build, what is deployed, and the
 * readiness checks of the node's dependencies. The launcher installs it in the Vert.x instance before it
 * deploys anything; the gateway (or an ops server) reads it. Thread-safe: verticles on every event loop
 * read it.
 */
public final class Node implements Shareable {

  private static final String MAP = "cartwheel.node";
  private static final String KEY = "node";
  private static final List<String> BREAKER_STATES = List.of("CLOSED", "OPEN", "HALF_OPEN");

  /** One line of the deployment plan as it ran. */
  public record Deployment(String verticle, int instances, String deploymentId) {}

  private final String id;
  private final String profile;
  private final BuildInfo build;
  private final String release;
  private final Instant startedAt = Instant.now();
  private final HealthChecks readiness;
  private final boolean clustered;
  private final IntSupplier clusterMembers;
  private final List<Deployment> deployments = new CopyOnWriteArrayList<>();
  private final Map<String, Supplier<String>> circuitBreakers = new ConcurrentSkipListMap<>();
  private final Map<String, LongAdder> handled = new ConcurrentSkipListMap<>();
  private final Map<String, String> shown = new ConcurrentSkipListMap<>();
  private final MeterRegistry meters;
  private final Map<Meter.Id, AtomicLong> levels = new ConcurrentHashMap<>();
  private final OpenTelemetry telemetry;
  private final AtomicBoolean measuringReadiness = new AtomicBoolean();
  private volatile String url;
  private volatile boolean failsCommands;
  private volatile boolean started;
  private volatile boolean stopping;

  /**
   * @param release this node's release label (releases.label, or the jar's version): its domains also answer
   *     their commands on addresses qualified by it, where the gateway's release routes send them
   * @param clusterMembers how many members the cluster has now, as this node sees it
   * @param meters where the node's metrics go (served at /metrics when it is a Prometheus registry)
   * @param telemetry the tracer provider Vert.x was built with (a no-op one when tracing is off)
   */
  public Node(
      String id,
      String profile,
      BuildInfo build,
      String release,
      HealthChecks readiness,
      boolean clustered,
      IntSupplier clusterMembers,
      MeterRegistry meters,
      OpenTelemetry telemetry) {
    this.id = id;
    this.release = release;
    this.meters = meters;
    this.telemetry = telemetry;
    this.profile = profile;
    this.build = build;
    this.readiness = readiness;
    this.clustered = clustered;
    this.clusterMembers = clusterMembers;
    if (clustered) {
      Gauge.builder("cartwheel.cluster.members", clusterMembers, IntSupplier::getAsInt)
          .description("Members of the cluster, as this node sees it")
          .strongReference(true)
          .register(meters);
    }
  }

  public static void install(Vertx vertx, Node node) {
    map(vertx).put(KEY, node);
  }

  /**
   * The node installed on this Vert.x: by the launcher's Platform, or by a test (the testkit's TestNodes). A
   * verticle started without one fails at start with this message rather than running as some invented node.
   */
  public static Node of(Vertx vertx) {
    Node node = map(vertx).get(KEY);
    if (node == null) {
      throw new IllegalStateException(
          "No Node is installed on this Vert.x instance: the launcher's Platform installs it (Node.install);"
              + " a test that deploys a verticle on its own installs one with TestNodes.install(vertx)");
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

  public String release() {
    return release;
  }

  /**
   * True while releases.testFaultyRelease names this node's release: its domains then fail every command
   * (a release drill: what a faulty canary looks like to the gateway).
   */
  public boolean failsCommands() {
    return failsCommands;
  }

  public void failCommands(boolean fail) {
    this.failsCommands = fail;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public HealthChecks readiness() {
    return readiness;
  }

  /**
   * Starts a run of the readiness checks, unless one is under way, that records each one's outcome in the gauge
   * {@code cartwheel.readiness{check}} (1 up, 0 down). /metrics calls it at each scrape and serves the values of the
   * run before: an alert on readiness needs no probe to be running, and a check that hangs never slows a scrape.
   */
  public void measureReadiness() {
    if (!measuringReadiness.compareAndSet(false, true)) {
      return;
    }
    readiness
        .checkStatus()
        .onSuccess(
            result -> {
              for (CheckResult check : result.getChecks()) {
                level(
                        "cartwheel.readiness",
                        Tags.of("check", check.getId()),
                        "Whether each readiness check passed (1) or not (0) at the last measure")
                    .set(CheckResult.isUp(check) ? 1 : 0);
              }
            })
        .onComplete(done -> measuringReadiness.set(false));
  }

  /** A setting /info shows, by its key: one an operator must be able to check on a running node. */
  public void show(String key, String value) {
    shown.put(key, value);
  }

  public Map<String, String> shown() {
    return Map.copyOf(shown);
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

  public MeterRegistry meters() {
    return meters;
  }

  public OpenTelemetry telemetry() {
    return telemetry;
  }

  /**
   * A level this node reports as a gauge, shared by every verticle instance here that asks for the same
   * name and tags (instances add to it, or the one that knows sets it).
   */
  public AtomicLong level(String name, Tags tags, String description) {
    Meter.Id id = new Meter.Id(name, tags, null, description, Meter.Type.GAUGE);
    return levels.computeIfAbsent(
        id,
        ignored -> {
          AtomicLong level = new AtomicLong();
          Gauge.builder(name, level, AtomicLong::get)
              .tags(tags)
              .description(description)
              .strongReference(true)
              .register(meters);
          return level;
        });
  }

  /**
   * Shows a circuit breaker's state (CLOSED, OPEN, HALF_OPEN) in /info while it exists, and counts it in
   * the gauge {@code cartwheel.circuit.breakers{breaker, state}}. A name may end in {@code #<instance>}:
   * the gauge counts the instances of one breaker together, so its labels stay few.
   */
  public void watchCircuitBreaker(String name, Supplier<String> state) {
    circuitBreakers.put(name, state);
    String breaker = name.replaceFirst("#.*$", "");
    for (String each : BREAKER_STATES) {
      Gauge.builder("cartwheel.circuit.breakers", this, node -> node.countBreakers(breaker, each))
          .description("Circuit breakers of this node in each state")
          .tags("breaker", breaker, "state", each.toLowerCase(Locale.ROOT))
          .strongReference(true)
          .register(meters);
    }
  }

  private double countBreakers(String breaker, String state) {
    return circuitBreakers.entrySet().stream()
        .filter(
            entry ->
                entry.getKey().replaceFirst("#.*$", "").equals(breaker)
                    && entry.getValue().get().equals(state))
        .count();
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
