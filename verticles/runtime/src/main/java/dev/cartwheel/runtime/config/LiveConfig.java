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
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration a node runs with now. A few keys are live (rate limits, the gateway's breaker and
 * timeout, log levels): they may change while the node runs, from its conf/ files or from the admin
 * endpoint, whose changes are published to every node. A change is checked as a whole before it applies
 * (the deployed verticles read the changed configuration as they would at start); a change that does not
 * check is refused and logged, and the old values stay. Every applied change is logged with who made it.
 */
public final class LiveConfig implements Shareable {

  private static final Logger LOG = LoggerFactory.getLogger("cartwheel.config");
  private static final String SHARED = "cartwheel.runtime";
  private static final String KEY = "liveConfig";
  private static final List<String> LIVE_PREFIXES = List.of("rateLimits.");

  /** Each applied where it is read (logging.format is not: the log layout is set at start, so it waits for a restart). */
  private static final Set<String> LIVE_KEYS =
      Set.of(
          "gateway.breakerMaxFailures",
          "gateway.breakerResetMs",
          "gateway.requestTimeoutMs",
          "logging.levels");

  private record Subscriber(Context context, Consumer<ConfigReader> listener) {}

  private final Vertx vertx;
  private final Consumer<ConfigReader> validator;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private volatile ConfigReader current;
  private MessageConsumer<ConfigChanged> changes;

  /** @param validator reads a whole configuration the way the node's verticles do; throws a ConfigException */
  public LiveConfig(Vertx vertx, ConfigReader initial, Consumer<ConfigReader> validator) {
    this.vertx = vertx;
    this.current = initial;
    this.validator = validator;
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
                        message.body().changedBy(),
                        message.body().source()));
    return changes.completion();
  }

  public Future<Void> close() {
    return changes == null ? Future.succeededFuture() : changes.unregister();
  }

  /** Checks the changes here, then publishes them to every node, this one included. */
  public void publish(JsonObject changes, String changedBy, String source) {
    check(changes);
    vertx
        .eventBus()
        .publish(
            ConfigContract.CHANGED,
            new ConfigChanged(changes.encode(), changedBy, source, Instant.now()));
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

  /** Applies the changes on this node, or logs why not and keeps the old values. True when applied. */
  public synchronized boolean apply(JsonObject changes, String changedBy, String source) {
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
    subscribers.forEach(
        subscriber -> subscriber.context().runOnContext(run -> subscriber.listener().accept(next)));
    return true;
  }
}
