package dev.cartwheel.launcher;

import dev.cartwheel.codecs.Codecs;
import dev.cartwheel.gateway.GatewayServices;
import dev.cartwheel.launcher.logging.LogFormat;
import dev.cartwheel.runtime.bus.ClusterRouting;
import dev.cartwheel.runtime.bus.Releases;
import dev.cartwheel.runtime.config.ConfigLoader;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.config.EnvOverrides;
import dev.cartwheel.runtime.config.LiveConfig;
import dev.cartwheel.runtime.config.LiveSettingsStore;
import dev.cartwheel.runtime.db.Migrations;
import dev.cartwheel.runtime.db.PgSettings;
import dev.cartwheel.runtime.discovery.ServiceRegistry;
import dev.cartwheel.runtime.node.BuildInfo;
import dev.cartwheel.runtime.node.Node;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: configuration, embedded services when needed, Vert.x (clustered or not), and the
 * planned verticles. {@link #start} blocks until the node serves; {@link #close} stops it in the reverse
 * order: stop taking requests (readiness goes down), undeploy the gateway then the domains, leave the
 * cluster, stop the embedded services. Runs on a plain thread (main, a test, a shutdown hook), never on
 * an event loop.
 */
public final class Platform implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger("cartwheel");

  /** Bounds of the stop's stages; undeploying the gateway also waits for its requests (http.drainTimeoutMs). */
  private static final Duration UNDEPLOY_BOUND = Duration.ofSeconds(15);

  private static final Duration CLOSE_BOUND = Duration.ofSeconds(15);
  private static final long POSTGRES_AT_START_TIMEOUT_MS = 10_000;
  private static final long RESTORE_RETRY_MS = 2_000;

  /** How often a clustered node sweeps the service records of departed nodes (see ServiceRegistry). */
  private static final long REGISTRY_SWEEP_MS = 1_000;

  /** Where the configuration comes from (see {@link ConfigLoader}). */
  public record Options(
      String confDir, String profile, Map<String, String> env, Map<String, String> flags) {}

  private ConfigReader config;
  private EmbeddedServices embedded;
  private Vertx vertx;
  private ReadinessChecks readiness;
  private LiveConfig live;
  private ConfigWatch watch;
  private Node node;
  private OpsServer ops;
  private Observability observability;
  private OpenTelemetry givenTelemetry;
  private long registrySweep = -1;
  private final List<Node.Deployment> deployments = new ArrayList<>();
  private boolean closed;
  private long drainGraceMs;
  private long drainTimeoutMs;
  private Optional<ClusterTls> clusterTls = Optional.empty();

  private Platform() {}

  /** A node not started yet: register {@link #close} as a shutdown hook, then {@link #boot} it. */
  public static Platform create() {
    return new Platform();
  }

  /** Traces with {@code telemetry} instead of the configured tracing (a test's in-memory span exporter). */
  public Platform tracingWith(OpenTelemetry telemetry) {
    this.givenTelemetry = telemetry;
    return this;
  }

  /** Creates and boots a node; on failure, stops whatever had started and rethrows. */
  public static Platform start(Options options) {
    Platform platform = create();
    platform.boot(options);
    return platform;
  }

  /**
   * Starts the node, blocking until it serves. Synchronized with {@link #close}: a SIGTERM during
   * start-up waits for the start to finish or fail, then stops everything that was started.
   */
  public synchronized void boot(Options options) {
    if (closed) {
      throw new IllegalStateException("this node was stopped before it started");
    }
    try {
      assemble(options);
    } catch (Exception e) {
      // Future.await() rethrows checked exceptions too (a BindException when the port is taken)
      close();
      throw e instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getMessage(), e);
    }
  }

  private void assemble(Options options) {
    ConfigReader files = loadConfiguration(options);
    LogFormat.apply(files);
    NodeSettings settings = NodeSettings.from(files);
    ListenPort.ensureFree(settings, files);
    drainGraceMs = settings.drainGraceMs();
    drainTimeoutMs = files.millis("http.drainTimeoutMs", 0, 600_000).toMillis();
    if (settings.embedded().enabled()) {
      // check every deployed verticle's settings before spending seconds on embedded services
      ConfigReader planned =
          withServices(
              files,
              settings.pgUrl().orElse(EMBEDDED_PLACEHOLDER_PG),
              settings.kafkaBootstrap().orElse("127.0.0.1:9092"));
      settings.plan().items().forEach(item -> item.verticle().validate().accept(planned));
    }
    embedded = EmbeddedServices.startAsNeeded(settings, files.profile());
    config = withServices(files, embedded.pgUrl(settings), embedded.kafkaBootstrap(settings));
    settings.plan().items().forEach(item -> item.verticle().validate().accept(config));
    Releases.faultyRelease(config);

    clusterTls =
        settings.cluster().enabled()
            ? settings.cluster().tls().map(ClusterTls::load)
            : Optional.empty();
    HazelcastRouting cluster =
        settings.cluster().enabled()
            ? HazelcastClusters.create(
                settings.cluster(), clusterTls.map(TrustedNodes::new).orElse(null))
            : null;
    observability = Observability.create(Observability.Settings.from(config), givenTelemetry);
    vertx = createVertx(settings, cluster, observability);
    Codecs.registerAll(vertx.eventBus());

    readiness =
        new ReadinessChecks(
            vertx,
            PgSettings.from(config),
            config.requiredString("kafka.bootstrap"),
            KafkaTopics.Settings.from(config),
            settings.healthTimeoutMs());
    // every domain migrates its schema at start; a gateway alone reports PostgreSQL through
    // readiness only
    boolean postgresAtStart =
        settings.plan().items().stream().anyMatch(item -> !item.verticle().name().equals(GATEWAY));
    if (postgresAtStart) {
      readiness.reachPostgres(PgSettings.from(config), POSTGRES_AT_START_TIMEOUT_MS).await();
    }
    provisionTopics(settings.healthTimeoutMs());
    BuildInfo build = BuildInfo.load();
    node =
        new Node(
            cluster == null ? UUID.randomUUID().toString() : cluster.getNodeId(),
            config.profile(),
            build,
            Releases.label(config, build),
            readiness.checks(),
            cluster != null,
            () -> cluster == null ? 1 : cluster.getNodes().size(),
            observability.meters(),
            observability.telemetry());
    readiness.watch(node::serving, () -> cluster != null && cluster.isActive(), cluster != null);
    Node.install(vertx, node);
    if (cluster != null) {
      ClusterRouting.install(vertx, cluster);
      GatewayServices.useClusterRateBuckets(vertx, HazelcastClusters.rateLimitBuckets(cluster));
      sweepServiceRegistry(cluster);
    }
    watchLiveConfiguration(options, files, settings);
    Promise<Void> restored = Promise.promise();
    Future<Void> firstAttempt = attemptRestore(restored, PgSettings.from(config), true);
    readiness.require("live-settings", () -> restored.future().succeeded());
    if (postgresAtStart) {
      restored
          .future()
          .timeout(POSTGRES_AT_START_TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .recover(
              error ->
                  Future.failedFuture(
                      new IllegalStateException(
                          "The stored live settings could not be read: " + error.getMessage())))
          .await();
    } else {
      // a gateway alone may start while PostgreSQL is away: then readiness waits for the retries
      firstAttempt.otherwiseEmpty().await();
    }
    if (!settings.plan().deploys(GATEWAY)) {
      ops = OpsServer.start(vertx, node, settings.host(), settings.opsPort()).await();
    }

    boolean ha = cluster != null && settings.cluster().ha().enabled();
    for (DeployPlan.Item item : settings.plan().items()) {
      String id =
          vertx
              .deployVerticle(
                  item.verticle().className(),
                  new DeploymentOptions()
                      // with the stored live settings
                      .setConfig(live.current().json())
                      .setInstances(item.instances())
                      // a gateway is a front door behind a load balancer: it is not moved to
                      // another node's port
                      .setHa(ha && !item.verticle().name().equals(GATEWAY)))
              .await();
      Node.Deployment deployment =
          new Node.Deployment(item.verticle().name(), item.instances(), id);
      deployments.add(deployment);
      node.deployed(deployment);
    }
    node.markStarted();
    printBanner(settings);
  }

  /** Removes the records of nodes that left the cluster, and restores this node's own after a split. */
  private void sweepServiceRegistry(HazelcastClusterManager cluster) {
    ServiceRegistry registry = ServiceRegistry.of(vertx);
    registrySweep =
        vertx.setPeriodic(
            REGISTRY_SWEEP_MS,
            tick ->
                registry
                    .maintain(cluster.getNodes())
                    .onFailure(
                        error ->
                            LOG.debug(
                                "Service registry sweep failed; retrying: {}",
                                error.getMessage())));
  }

  /**
   * Live keys change without a restart: from the conf/ files (watched) or the admin endpoint (published to
   * every node). A change is checked the way this node's verticles read their configuration at start.
   */
  private void watchLiveConfiguration(Options options, ConfigReader files, NodeSettings settings) {
    LogLevels logLevels = new LogLevels();
    logLevels.apply(config);
    live =
        new LiveConfig(
            vertx,
            config,
            candidate -> {
              settings.plan().items().forEach(item -> item.verticle().validate().accept(candidate));
              LogLevels.parse(candidate);
              Releases.faultyRelease(candidate);
            },
            EnvOverrides.keysSetBy(config.json(), options.env(), options.flags()),
            new LiveSettingsStore(
                PgBuilder.pool()
                    .with(new PoolOptions().setMaxSize(1).setName("cartwheel-live-settings"))
                    .connectingTo(PgSettings.from(config).connectOptions())
                    .using(vertx)
                    .build()));
    LiveConfig.install(vertx, live);
    live.onChange(logLevels::apply);
    Consumer<ConfigReader> drill =
        current -> node.failCommands(node.release().equals(Releases.faultyRelease(current)));
    drill.accept(config);
    live.onChange(drill);
    live.listen().await();
    watch = new ConfigWatch(vertx, sources(options), files, live);
    watch.start(config.millis("conf.watchIntervalMs", 100, 3_600_000).toMillis());
  }

  /**
   * Applies the admin endpoint's stored changes over the files (the settings schema migrated first),
   * completing {@code restored}; until PostgreSQL answers, tries again every {@value #RESTORE_RETRY_MS} ms.
   * Returns this attempt.
   */
  private Future<Void> attemptRestore(Promise<Void> restored, PgSettings pg, boolean first) {
    return Migrations.migrate(vertx, pg, LiveSettingsStore.SCHEMA)
        .compose(migrated -> live.restore())
        .onSuccess(restored::tryComplete)
        .onFailure(
            error -> {
              if (first) {
                LOG.warn(
                    "The stored live settings cannot be read yet, retrying every {} ms: {}",
                    RESTORE_RETRY_MS,
                    error.getMessage());
              }
              vertx.setTimer(RESTORE_RETRY_MS, retry -> attemptRestore(restored, pg, false));
            });
  }

  private static ConfigLoader.Sources sources(Options options) {
    return new ConfigLoader.Sources(
        options.confDir(), options.profile(), options.env(), options.flags());
  }

  static final String GATEWAY = "gateway";
  private static final String EMBEDDED_PLACEHOLDER_PG =
      "postgresql://postgres@127.0.0.1:5432/cartwheel";

  /** The configuration with the addresses of the PostgreSQL and Kafka this node will use. */
  private static ConfigReader withServices(
      ConfigReader files, String pgUrl, String kafkaBootstrap) {
    JsonObject json = files.json().copy();
    json.getJsonObject("pg").put("url", pgUrl);
    json.getJsonObject("kafka").put("bootstrap", kafkaBootstrap);
    return new ConfigReader(json);
  }

  private static ConfigReader loadConfiguration(Options options) {
    Vertx bootstrap = Vertx.vertx();
    try {
      return ConfigLoader.load(bootstrap, sources(options)).await();
    } finally {
      bootstrap.close().await();
    }
  }

  private Vertx createVertx(
      NodeSettings settings, HazelcastClusterManager cluster, Observability observability) {
    VertxOptions options = new VertxOptions();
    if (cluster == null) {
      return observability.applyTo(options, Vertx.builder()).build();
    }
    options.getEventBusOptions().setHost(settings.cluster().bindInterface());
    clusterTls.ifPresent(tls -> tls.applyTo(options.getEventBusOptions()));
    NodeSettings.Ha ha = settings.cluster().ha();
    if (ha.enabled()) {
      options.setHAEnabled(true).setHAGroup(ha.group()).setQuorumSize(ha.quorum());
    }
    return observability
        .applyTo(options, Vertx.builder())
        .withClusterManager(cluster)
        .buildClustered()
        .await();
  }

  private void printBanner(NodeSettings settings) {
    BuildInfo build = node.build();
    LOG.info(
        "Cartwheel {} ({}) profile={} node={} cluster={}",
        build.version(),
        build.commit(),
        node.profile(),
        node.id(),
        node.clustered()
            ? settings.cluster().name() + " (" + node.clusterMembers() + " members)"
            : "off");
    if (embedded.runsPostgres() || embedded.runsKafka()) {
      LOG.info("  data directory  {}", settings.embedded().dataDir());
    }
    LOG.info(
        "  PostgreSQL      {}{}",
        PgSettings.from(config).displayUrl(),
        embedded.runsPostgres() ? " (embedded)" : "");
    LOG.info(
        "  Kafka           {}{}",
        config.requiredString("kafka.bootstrap"),
        embedded.runsKafka() ? " (embedded)" : "");
    LOG.info("  verticles       {}", settings.plan());
    if (settings.plan().deploys("payments")) {
      LOG.info("  payments        {} provider", config.requiredString("payments.provider"));
    }
    if (ops != null) {
      LOG.info(
          "  operations      http://{}:{} (health, info, metrics)", settings.host(), ops.port());
    }
    LOG.info("  observability   {}", observability.describe());
    if (node.clustered()) {
      LOG.info(
          "  event bus       {}",
          clusterTls.map(ClusterTls::describe).orElse("plain TCP (no cluster.tls): NOT PROTECTED"));
      if (clusterTls.isEmpty()) {
        // under the banner, where a newcomer looks, rather than among the start-up lines before it
        LOG.warn(
            "THE EVENT BUS IS NOT PROTECTED: no cluster.tls, so any process that reaches this node's"
                + " event-bus port, or joins Hazelcast as cluster {}, can send commands past the gateway."
                + " Set cluster.tls.* (docs/operations.md, \"Cluster TLS\"); the prod profile requires it.",
            settings.cluster().name());
      }
    }
    if (node.clustered() && settings.cluster().ha().enabled()) {
      LOG.info(
          "  HA              group {}, quorum {}",
          settings.cluster().ha().group(),
          settings.cluster().ha().quorum());
    }
    LOG.info(
        node.url()
            .map(url -> "Cartwheel is ready at " + url)
            .orElse("Cartwheel is ready (no gateway on this node)"));
  }

  public Vertx vertx() {
    return vertx;
  }

  public Node node() {
    return node;
  }

  public ConfigReader config() {
    return config;
  }

  /** Before the relays produce: a broker that is away only delays this to the readiness probes, it does not stop the start. */
  private void provisionTopics(long timeoutMs) {
    try {
      readiness.topics().provision().await(timeoutMs + 1000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn(
          "Kafka topics not checked at start ({}); readiness checks them again at every probe",
          e.getMessage());
    }
  }

  /**
   * A node with a gateway goes on serving for http.drainGraceMs after /health/ready turned 503, so that a load
   * balancer (a Kubernetes Service) sees it leave and stops sending before its HTTP server closes.
   */
  private void keepServingWhileReadinessIsDown() {
    if (drainGraceMs == 0 || node.url().isEmpty()) {
      return;
    }
    LOG.info(
        "Readiness is down; serving {} ms more (http.drainGraceMs) before closing the gateway",
        drainGraceMs);
    try {
      Thread.sleep(drainGraceMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops the node gracefully, logging each stage with its time; each stage is bounded (see {@link StopStages}).
   * Safe to call more than once and after a failed start.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    StopStages stages = new StopStages();
    if (node != null) {
      node.markStopping();
      LOG.info(
          "Cartwheel is stopping: readiness is down, then the gateway drains and the verticles undeploy");
      keepServingWhileReadinessIsDown();
    }
    for (int i = deployments.size() - 1; i >= 0; i--) {
      Node.Deployment deployment = deployments.get(i);
      Duration bound =
          deployment.verticle().equals(GATEWAY)
              ? UNDEPLOY_BOUND.plusMillis(drainTimeoutMs)
              : UNDEPLOY_BOUND;
      stages.await(
          "undeployed " + deployment.verticle(),
          bound,
          () -> vertx.undeploy(deployment.deploymentId()));
    }
    if (watch != null) {
      watch.stop();
    }
    if (registrySweep >= 0) {
      vertx.cancelTimer(registrySweep);
    }
    if (vertx != null) {
      stages.await(
          "closed the ops server, live configuration and readiness checks",
          CLOSE_BOUND,
          () ->
              Future.join(
                  ops == null ? Future.succeededFuture() : ops.close(),
                  live == null ? Future.succeededFuture() : live.close(),
                  readiness == null ? Future.succeededFuture() : readiness.close()));
      stages.await(
          node != null && node.clustered() ? "left the cluster and closed Vert.x" : "closed Vert.x",
          CLOSE_BOUND,
          vertx::close);
    }
    if (observability != null) {
      observability.close();
    }
    if (embedded != null) {
      embedded.close(stages);
    }
    if (node != null) {
      LOG.info("Cartwheel stopped in {} ms", stages.totalMs());
    }
  }
}
