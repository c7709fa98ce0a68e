package dev.cartwheel.launcher;

import dev.cartwheel.runtime.config.ConfigLoader;
import dev.cartwheel.runtime.config.ConfigPaths;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.config.LiveConfig;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Watches this node's conf/ files (vertx-config scans them) and, when they change, loads the configuration
 * again the way start-up does (files, then environment, then flags): changed live keys apply to this node
 * at once; other changed keys are logged as waiting for a restart. A file that no longer loads is logged
 * and changes nothing.
 */
final class ConfigWatch {

  private static final Logger LOG = LoggerFactory.getLogger("cartwheel.config");

  private final Vertx vertx;
  private final ConfigLoader.Sources sources;
  private final LiveConfig live;
  private JsonObject loaded;
  private ConfigRetriever retriever;

  ConfigWatch(Vertx vertx, ConfigLoader.Sources sources, ConfigReader loaded, LiveConfig live) {
    this.vertx = vertx;
    this.sources = sources;
    this.loaded = loaded.json();
    this.live = live;
  }

  /** Starts scanning every {@code intervalMs}; a conf/ that lives only inside the jar cannot change, and is not watched. */
  void start(long intervalMs) {
    Path defaults = Path.of(sources.confDir(), "config.json");
    if (!Files.exists(defaults)) {
      return;
    }
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(intervalMs).setIncludeDefaultStores(false)
      .addStore(file(defaults, false))
      .addStore(file(Path.of(sources.confDir(), sources.profile() + ".json"), true));
    retriever = ConfigRetriever.create(vertx, options);
    retriever.listen(change -> reload());
  }

  void stop() {
    if (retriever != null) {
      retriever.close();
    }
  }

  private void reload() {
    ConfigLoader.load(vertx, sources).onSuccess(files -> {
      JsonObject changes = new JsonObject();
      for (String key : ConfigPaths.leaves(files.json())) {
        Object now = ConfigPaths.get(files.json(), key);
        if (!Objects.equals(now, ConfigPaths.get(loaded, key))) {
          if (LiveConfig.isLive(key)) {
            changes.put(key, now);
          } else {
            LOG.warn("Configuration {} changed in {} to {}: it applies when the node restarts", key, sources.confDir(), now);
          }
        }
      }
      // a refused edit is compared again after the next one, so that fixing it applies all of it
      if (changes.isEmpty() || live.apply(changes, "the files in " + sources.confDir(), "file watch")) {
        loaded = files.json();
      }
    }).onFailure(error -> LOG.error("The files in {} no longer load, the running configuration stays: {}", sources.confDir(), error.getMessage()));
  }

  private static ConfigStoreOptions file(Path path, boolean optional) {
    return new ConfigStoreOptions().setType("file").setOptional(optional).setConfig(new JsonObject().put("path", path.toString()));
  }
}
