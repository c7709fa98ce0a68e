package dev.cartwheel.runtime.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key can be overridden by an environment variable: {@code CARTWHEEL_} followed by
 * the key in upper snake case ({@code http.maxBodyBytes} → {@code CARTWHEEL_HTTP_MAX_BODY_BYTES}).
 * A few short aliases exist for what operators type most. A {@code CARTWHEEL_*} variable that matches no
 * key is an error, so a typo never goes unnoticed.
 */
public final class EnvOverrides {

  public static final String PREFIX = "CARTWHEEL_";

  /** Short names operators use; each stands for one key. */
  public static final Map<String, String> ALIASES =
      Map.of(
          "CARTWHEEL_VERTICLES", "deploy",
          "CARTWHEEL_CLUSTER", "cluster.enabled",
          "CARTWHEEL_RELEASE", "releases.label");

  /** Read by the launcher before any file is loaded; they are not configuration keys. */
  public static final Set<String> LAUNCHER_VARIABLES =
      Set.of("CARTWHEEL_PROFILE", "CARTWHEEL_CONF_DIR");

  private EnvOverrides() {}

  /** The variable to suggest for {@code key}: its short alias when it has one. */
  public static String preferredEnvName(String key) {
    return ALIASES.entrySet().stream()
        .filter(alias -> alias.getValue().equals(key))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseGet(() -> envName(key));
  }

  public static String envName(String key) {
    StringBuilder name = new StringBuilder(PREFIX);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '.') {
        name.append('_');
      } else if (Character.isUpperCase(c)) {
        name.append('_').append(c);
      } else {
        name.append(Character.toUpperCase(c));
      }
    }
    return name.toString();
  }

  /** The keys of {@code config} that {@code env}'s {@code CARTWHEEL_*} variables or {@code flags} set. */
  public static Set<String> keysSetBy(
      JsonObject config, Map<String, String> env, Map<String, String> flags) {
    Map<String, String> keysByEnvName = keysByEnvName(config);
    Set<String> keys = new HashSet<>(flags.keySet());
    env.keySet().stream().map(keysByEnvName::get).filter(key -> key != null).forEach(keys::add);
    return keys;
  }

  /** Applies the {@code CARTWHEEL_*} entries of {@code env} to {@code config}, in place. */
  static void apply(JsonObject config, Map<String, String> env) {
    Map<String, String> keysByEnvName = keysByEnvName(config);
    env.forEach(
        (name, value) -> {
          if (!name.startsWith(PREFIX) || LAUNCHER_VARIABLES.contains(name)) {
            return;
          }
          String key = keysByEnvName.get(name);
          if (key == null) {
            throw ConfigException.unknownVariable(name);
          }
          ConfigPaths.set(config, key, coerce(ConfigPaths.get(config, key), value));
        });
  }

  /** Each key of {@code config} by its environment variable's name, aliases included. */
  private static Map<String, String> keysByEnvName(JsonObject config) {
    Map<String, String> keys = new HashMap<>(ALIASES);
    ConfigPaths.leaves(config).forEach(key -> keys.put(envName(key), key));
    return keys;
  }

  /** Applies {@code key → text} overrides (from command-line flags), typed like the value they replace. */
  static void applyKeys(JsonObject config, Map<String, String> overrides) {
    overrides.forEach(
        (key, value) -> {
          if (!ConfigPaths.has(config, key)) {
            throw new ConfigException(key, "unknown key");
          }
          ConfigPaths.set(config, key, coerce(ConfigPaths.get(config, key), value));
        });
  }

  /**
   * Types an environment string like the default it replaces. When it does not parse, the raw text is
   * kept so that the typed reader reports it with the key's name.
   */
  static Object coerce(Object current, String text) {
    String value = text.trim();
    if (current instanceof Number) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if (current instanceof Boolean) {
      String lower = value.toLowerCase(Locale.ROOT);
      return lower.equals("true") || lower.equals("false") ? Boolean.valueOf(lower) : text;
    }
    if (current instanceof JsonArray) {
      JsonArray items = new JsonArray();
      Arrays.stream(value.split(","))
          .map(String::trim)
          .filter(item -> !item.isEmpty())
          .forEach(items::add);
      return items;
    }
    return text;
  }
}
