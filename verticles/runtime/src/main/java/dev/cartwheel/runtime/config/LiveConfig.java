package dev.cartwheel.runtime.config;

import dev.cartwheel.codecs.config.ConfigChanged;
import dev.cartwheel.codecs.config.ConfigContract;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration a node runs with now. A few keys are live (rate limits, the gateway's breaker and
 * timeout, release routes, log levels): they may change while the node runs, from its conf/ files or from the admin
 * endpoint, whose changes are stored ({@link LiveSettingsStore}) and published to every node. A change is
 * checked as a whole before it applies (the deployed verticles read the changed configuration as they
 * would at start); a change that does not check is refused and logged, and the old values stay. Every
 * applied change is logged with who made it, and each live key remembers where its value came from.
 */
public final class LiveConfig implements Shareable {

  private static final Logger LOG = LoggerFactory.getLogger("cartwheel.config");
  private static final String SHARED = "cartwheel.runtime";
  private static final String KEY = "liveConfig";
  private static final List<String> LIVE_PREFIXES =
      List.of("rateLimits.", "releases.routes.", "releases.rollback.");

  /** Each applied where it is read (logging.format is not: the log layout is set at start, so it waits for a restart). */
  private static final Set<String> LIVE_KEYS =
      Set.of(
          "gateway.breakerMaxFailures",
          "gateway.breakerResetMs",
          "gateway.requestTimeoutMs",
          "logging.levels",
          "releases.testFaultyRelease");

  private record Subscriber(Context context, Consumer<ConfigReader> listener) {}

  /** Where a live key's value comes from: a file, the environment (or a flag), or the admin endpoint. */
  public record Origin(String kind, String changedBy, Instant changedAt) {

    public static final String FILE = "file";
    public static final String ENVIRONMENT = "environment";
    public static final String LIVE = "live";

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("origin", kind);
      if (changedBy != null) {
        json.put("changedBy", changedBy).put("changedAt", changedAt.toString());
      }
      return json;
    }
  }

  private final Vertx vertx;
  private final Consumer<ConfigReader> validator;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final Map<String, Origin> origins = new ConcurrentHashMap<>();
  private final LiveSettingsStore store;
  private volatile ConfigReader current;
  private MessageConsumer<ConfigChanged> changes;

  /**
   * @param validator reads a whole configuration the way the node's verticles do; throws a ConfigException
   * @param fromEnvironment the keys that environment variables or flags set
   * @param store where the admin endpoint's changes are kept; null keeps them in memory only (a test's
   *     gateway on its own)
   */
  public LiveConfig(
      Vertx vertx,
      ConfigReader initial,
      Consumer<ConfigReader> validator,
      Set<String> fromEnvironment,
      LiveSettingsStore store) {
    this.vertx = vertx;
    this.current = initial;
    this.validator = validator;
    this.store = store;
    ConfigPaths.leaves(initial.json()).stream()
        .filter(LiveConfig::isLive)
        .forEach(
            key ->
                origins.put(
                    key,
                    new Origin(
                        fromEnvironment.contains(key) ? Origin.ENVIRONMENT : Origin.FILE,
                        null,
                        null)));
  }

  /** Without a store or environment: the changes live in this node's memory. */
  public LiveConfig(Vertx vertx, ConfigReader initial, Consumer<ConfigReader> validator) {
    this(vertx, initial, validator, Set.of(), null);
  }

  public static void install(Vertx vertx, LiveConfig live) {
    vertx.sharedData().getLocalMap(SHARED).put(KEY, live);
  }

  /** The node's live configuration, installed by the launcher's Platform (or a test); fails, saying so, without one. */
  public static LiveConfig of(Vertx vertx) {
    LiveConfig live = (LiveConfig) vertx.sharedData().getLocalMap(SHARED).get(KEY);
    if (live == null) {
      throw new IllegalStateException(
          "No LiveConfig is installed on this Vert.x instance: the launcher's Platform installs it"
              + " (LiveConfig.install); a test that deploys the gateway on its own installs one too");
    }
    return live;
  }

  public static boolean isLive(String key) {
    return LIVE_KEYS.contains(key) || LIVE_PREFIXES.stream().anyMatch(key::startsWith);
  }

  public ConfigReader current() {
    return current;
  }

  /** Each live key's value now, and where it came from ({@link Origin}). */
  public JsonObject settings() {
    JsonObject settings = new JsonObject();
    liveValues()
        .forEach(
            entry ->
                settings.put(
                    entry.getKey(),
                    origins.get(entry.getKey()).toJson().put("value", entry.getValue())));
    return settings;
  }

  /** The live keys and their values now. */
  public JsonObject liveValues() {
    JsonObject values = new JsonObject();
    ConfigPaths.leaves(current.json()).stream()
        .filter(LiveConfig::isLive)
        .sorted()
        .forEach(key -> values.put(key, ConfigPaths.get(current.json(), key)));
    return values;
  }

  /** Calls {@code listener} on the caller's context after each applied change; run the returned action to stop. */
  public Runnable onChange(Consumer<ConfigReader> listener) {
    Subscriber subscriber = new Subscriber(vertx.getOrCreateContext(), listener);
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  /** Starts applying the changes published to every node; completes once it hears them cluster-wide. */
  public Future<Void> listen() {
    changes =
        vertx
            .eventBus()
            .consumer(
                ConfigContract.CHANGED,
                message ->
                    apply(
                        new JsonObject(message.body().changes()),
                        message.body().source(),
                        new Origin(Origin.LIVE, message.body().changedBy(), message.body().at())));
    return changes.completion();
  }

  /**
   * Applies the stored changes (the newest of each key), key by key: one that no longer checks (a key
   * since removed, a value since refused) is logged and passed over. Call it before the node is ready.
   */
  public Future<Void> restore() {
    if (store == null) {
      return Future.succeededFuture();
    }
    return store
        .newest()
        .map(
            stored -> {
              stored.forEach(
                  change ->
                      apply(
                          new JsonObject().put(change.key(), change.value()),
                          "stored live setting",
                          new Origin(Origin.LIVE, change.changedBy(), change.changedAt())));
              if (!stored.isEmpty()) {
                LOG.info("Live settings: {} stored, applied over the files", stored.size());
              }
              return null;
            });
  }

  public Future<Void> close() {
    return Future.join(
            changes == null ? Future.succeededFuture() : changes.unregister(),
            store == null ? Future.succeededFuture() : store.close())
        .mapEmpty();
  }

  /**
   * Checks the changes here (a ConfigException, at once, names what is wrong), stores them, then publishes
   * them to every node, this one included. Fails, publishing nothing, when they cannot be stored.
   */
  public Future<Void> publish(JsonObject changes, String changedBy, String source) {
    check(changes);
    Instant at = Instant.now();
    Future<Void> stored =
        store == null ? Future.succeededFuture() : store.record(changes, changedBy, source, at);
    return stored.onSuccess(
        done ->
            vertx
                .eventBus()
                .publish(
                    ConfigContract.CHANGED,
                    new ConfigChanged(changes.encode(), changedBy, source, at)));
  }

  /**
   * The configuration with {@code changes} (key → new value) applied, checked. A ConfigException names the
   * first key that is not live, not known, or whose value the verticles refuse.
   */
  public ConfigReader check(JsonObject changes) {
    JsonObject candidate = current.json().copy();
    changes.forEach(
        change -> {
          String key = change.getKey();
          if (!ConfigPaths.has(candidate, key)) {
            throw new ConfigException(key, "unknown key");
          }
          if (!isLive(key)) {
            throw new ConfigException(
                key, "is not a live key: change it in conf/ and restart the node");
          }
          if (change.getValue() instanceof JsonObject
              || (change.getValue() instanceof JsonArray)
                  != (ConfigPaths.get(candidate, key) instanceof JsonArray)) {
            throw new ConfigException(
                key,
                "expected a value like "
                    + ConfigPaths.get(candidate, key)
                    + ", got "
                    + change.getValue());
          }
          ConfigPaths.set(candidate, key, change.getValue());
        });
    ConfigReader checked = new ConfigReader(candidate);
    validator.accept(checked);
    return checked;
  }

  /** Applies an edit of the conf/ files on this node; see {@link #apply(JsonObject, String, Origin)}. */
  public boolean applyFileEdit(JsonObject changes, String changedBy) {
    return apply(changes, "file watch", new Origin(Origin.FILE, changedBy, Instant.now()));
  }

  /** Applies the changes on this node, or logs why not and keeps the old values. True when applied. */
  private synchronized boolean apply(JsonObject changes, String source, Origin origin) {
    String changedBy = origin.changedBy();
    ConfigReader next;
    try {
      next = check(changes);
    } catch (ConfigException e) {
      LOG.error(
          "Configuration change by {} ({}) refused on this node, the old values stay: {}",
          changedBy,
          source,
          e.getMessage());
      return false;
    }
    ConfigReader previous = current;
    changes
        .fieldNames()
        .forEach(
            key ->
                LOG.info(
                    "Configuration {} changed from {} to {} by {} ({})",
                    key,
                    ConfigPaths.get(previous.json(), key),
                    ConfigPaths.get(next.json(), key),
                    changedBy,
                    source));
    current = next;
    changes.fieldNames().forEach(key -> origins.put(key, origin));
    subscribers.forEach(
        subscriber -> subscriber.context().runOnContext(run -> subscriber.listener().accept(next)));
    return true;
  }
}
