package dev.cartwheel.runtime.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the configuration of a node, lowest precedence first:
 * <ol>
 *   <li>{@code <conf-dir>/config.json}: every key with its default;</li>
 *   <li>{@code <conf-dir>/<profile>.json}: the profile (dev, prod, or any file you add), over the profile it
 *       names in {@code "extends"}, if any (and so on);</li>
 *   <li>{@code CARTWHEEL_*} environment variables ({@link EnvOverrides});</li>
 *   <li>command-line flags of the launcher.</li>
 * </ol>
 * A relative conf dir is looked up in the working directory first, then inside the jar, which ships
 * the repository's {@code conf/}; a file that is in neither place (a moved conf dir holding only a
 * profile, say) is the jar's {@code conf/} copy, when it has one. A profile file may only set keys that
 * {@code config.json} declares.
 */
public final class ConfigLoader {

  /** Where to read from; {@code flags} maps keys to the text given on the command line. */
  public record Sources(
      String confDir, String profile, Map<String, String> env, Map<String, String> flags) {}

  /** The key by which a profile file names the profile it builds on. */
  public static final String EXTENDS = "extends";

  private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private ConfigLoader() {}

  public static Future<ConfigReader> load(Vertx vertx, Sources sources) {
    String defaultsFile = sources.confDir() + "/config.json";
    return readOrJarCopy(vertx, defaultsFile, "config.json")
        .compose(
            defaults ->
                readProfile(vertx, sources, defaults, List.of(sources.profile()))
                    .map(
                        profile -> {
                          JsonObject merged = defaults.mergeIn(profile.json(), true);
                          merged.put("profile", sources.profile());
                          EnvOverrides.apply(merged, sources.env());
                          EnvOverrides.applyKeys(merged, sources.flags());
                          merged.put(ConfigReader.PROFILES, new JsonArray(profile.chain()));
                          return new ConfigReader(merged);
                        }));
  }

  /** A profile's keys over those of the profile it extends, and so on; {@code chain} names them, the profile first. */
  private record Profile(JsonObject json, List<String> chain) {}

  /** The last profile of {@code chain}, over the profiles it extends. */
  private static Future<Profile> readProfile(
      Vertx vertx, Sources sources, JsonObject defaults, List<String> chain) {
    String name = chain.get(chain.size() - 1);
    String file = sources.confDir() + "/" + name + ".json";
    return readOrJarCopy(vertx, file, name + ".json")
        .compose(
            profile -> {
              Object parent = profile.remove(EXTENDS);
              ConfigPaths.leaves(profile).stream()
                  .filter(key -> !ConfigPaths.has(defaults, key))
                  .findFirst()
                  .ifPresent(
                      key -> {
                        throw new ConfigException(
                            key,
                            "unknown key in "
                                + file
                                + " (every key must have a default in "
                                + sources.confDir()
                                + "/config.json)");
                      });
              if (parent == null) {
                return Future.succeededFuture(new Profile(profile, chain));
              }
              if (!(parent instanceof String parentName)
                  || !PROFILE_NAME.matcher(parentName).matches()) {
                throw ConfigException.inFile(
                    file,
                    "\""
                        + EXTENDS
                        + "\" must name another profile (a file of "
                        + sources.confDir()
                        + " without .json), got "
                        + parent);
              }
              if (chain.contains(parentName)) {
                throw ConfigException.inFile(
                    file,
                    "profiles extend each other in a loop: "
                        + String.join(" → ", chain)
                        + " → "
                        + parentName);
              }
              List<String> longer = new ArrayList<>(chain);
              longer.add(parentName);
              return readProfile(vertx, sources, defaults, longer)
                  .map(base -> new Profile(base.json().mergeIn(profile, true), base.chain()));
            });
  }

  /** {@code file}, or the jar's {@code conf/<name>} where {@code file} does not exist; the error names {@code file}. */
  private static Future<JsonObject> readOrJarCopy(Vertx vertx, String file, String name) {
    return read(vertx, file)
        .recover(
            error -> {
              URL copy = ConfigLoader.class.getResource("/conf/" + name);
              if (copy == null || !missing(error)) {
                return Future.failedFuture(error);
              }
              return vertx
                  .executeBlocking(
                      () -> {
                        try (InputStream in = copy.openStream()) {
                          return Buffer.buffer(in.readAllBytes()).toJsonObject();
                        }
                      })
                  .recover(
                      unreadable ->
                          Future.failedFuture(
                              ConfigException.unreadable(copy.toString(), unreadable)));
            });
  }

  private static boolean missing(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof NoSuchFileException || cause instanceof FileNotFoundException) {
        return true;
      }
    }
    return false;
  }

  private static Future<JsonObject> read(Vertx vertx, String file) {
    return vertx
        .fileSystem()
        .readFile(file)
        .map(
            buffer -> {
              try {
                return buffer.toJsonObject();
              } catch (DecodeException e) {
                throw ConfigException.unreadable(file, e);
              }
            })
        .recover(
            error ->
                Future.failedFuture(
                    error instanceof ConfigException
                        ? error
                        : ConfigException.unreadable(file, error)));
  }
}
