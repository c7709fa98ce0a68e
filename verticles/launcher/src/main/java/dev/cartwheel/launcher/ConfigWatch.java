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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private final List<String> profiles;
  private JsonObject loaded;
  private ConfigRetriever retriever;

  ConfigWatch(Vertx vertx, ConfigLoader.Sources sources, ConfigReader loaded, LiveConfig live) {
    this.vertx = vertx;
    this.sources = sources;
    this.loaded = loaded.json();
    this.profiles = loaded.profiles();
    this.live = live;
  }

  /**
   * Starts scanning every {@code intervalMs} whichever of config.json and the profiles' files (the profile's and
   * those it extends) are on disk (the others may come from the jar, which cannot change); with none on disk
   * there is nothing to watch.
   */
  void start(long intervalMs) {
    List<Path> files =
        Stream.concat(Stream.of("config.json"), profiles.stream().map(profile -> profile + ".json"))
            .map(name -> Path.of(sources.confDir(), name))
            .filter(Files::exists)
            .toList();
    if (files.isEmpty()) {
      LOG.info(
          "No configuration file on disk in {}: nothing to watch (the jar's own cannot change)",
          sources.confDir());
      return;
    }
    ConfigRetrieverOptions options =
        new ConfigRetrieverOptions().setScanPeriod(intervalMs).setIncludeDefaultStores(false);
    // optional: a file deleted while the node runs reads as empty, and the reload says what that
    // changes
    files.forEach(file -> options.addStore(file(file, true)));
    retriever = ConfigRetriever.create(vertx, options);
    retriever.listen(change -> reload());
    LOG.info(
        "Watching {} every {} ms: live keys apply when edited, others at the next start",
        files,
        intervalMs);
  }

  void stop() {
    if (retriever != null) {
      retriever.close();
    }
  }

  private void reload() {
    ConfigLoader.load(vertx, sources)
        .onSuccess(
            files -> {
              JsonObject changes = new JsonObject();
              for (String key : ConfigPaths.leaves(files.json())) {
                Object now = ConfigPaths.get(files.json(), key);
                if (!Objects.equals(now, ConfigPaths.get(loaded, key))) {
                  if (LiveConfig.isLive(key)) {
                    changes.put(key, now);
                  } else {
                    LOG.warn(
                        "Configuration {} changed in {} to {}: it applies when the node restarts",
                        key,
                        sources.confDir(),
                        now);
                  }
                }
              }
              // a refused edit is compared again after the next one, so that fixing it applies all
              // of it
              if (changes.isEmpty()
                  || live.applyFileEdit(changes, "the files in " + sources.confDir())) {
                loaded = files.json();
              }
            })
        .onFailure(
            error ->
                LOG.error(
                    "The files in {} no longer load, the running configuration stays: {}",
                    sources.confDir(),
                    error.getMessage()));
  }

  private static ConfigStoreOptions file(Path path, boolean optional) {
    return new ConfigStoreOptions()
        .setType("file")
        .setOptional(optional)
        .setConfig(new JsonObject().put("path", path.toString()));
  }
}
