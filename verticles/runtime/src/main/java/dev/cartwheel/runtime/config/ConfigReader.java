package dev.cartwheel.runtime.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Typed, checked access to the merged configuration. Every read names its key, so a wrong value stops
 * start-up with one line that says which key and which environment variable to fix. Defaults live in
 * {@code conf/config.json}, never here: a key missing from the files is itself an error.
 */
public final class ConfigReader {

  /** The profile and those it extends, the profile first (set by {@link ConfigLoader}). */
  static final String PROFILES = "profiles";

  private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|privatekey).*");

  private final JsonObject root;

  public ConfigReader(JsonObject root) {
    this.root = root;
  }

  public JsonObject json() {
    return root;
  }

  public String profile() {
    return requiredString("profile");
  }

  /** The profile and the profiles it extends, the profile first: the files it was read from. */
  public List<String> profiles() {
    JsonArray chain = root.getJsonArray(PROFILES);
    return chain == null ? List.of(profile()) : chain.stream().map(String::valueOf).toList();
  }

  public String requiredString(String key) {
    return optionalString(key)
        .orElseThrow(() -> new ConfigException(key, "is required" + inProfile()));
  }

  /** A string that may be null or blank (meaning "not set"). */
  public Optional<String> optionalString(String key) {
    Object value = present(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      throw new ConfigException(key, "expected a string, got " + shown(key, value));
    }
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  public int integer(String key, int min, int max) {
    return (int) longInteger(key, min, max);
  }

  public long longInteger(String key, long min, long max) {
    Object value = present(key);
    long number;
    if (value instanceof Number n && n.doubleValue() == n.longValue()) {
      number = n.longValue();
    } else {
      throw new ConfigException(
          key, "expected an integer between " + min + " and " + max + ", got " + shown(key, value));
    }
    if (number < min || number > max) {
      throw new ConfigException(
          key, "expected an integer between " + min + " and " + max + ", got " + number);
    }
    return number;
  }

  public int port(String key) {
    return integer(key, 0, 65535);
  }

  public Duration millis(String key, long min, long max) {
    return Duration.ofMillis(longInteger(key, min, max));
  }

  public boolean bool(String key) {
    Object value = present(key);
    if (!(value instanceof Boolean flag)) {
      throw new ConfigException(key, "expected true or false, got " + shown(key, value));
    }
    return flag;
  }

  public List<String> strings(String key) {
    Object value = present(key);
    if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
      throw new ConfigException(key, "expected a list of strings, got " + shown(key, value));
    }
    return array.stream().map(String.class::cast).toList();
  }

  private Object present(String key) {
    if (!ConfigPaths.has(root, key)) {
      throw new ConfigException(key, "is missing from the configuration files");
    }
    return ConfigPaths.get(root, key);
  }

  private String inProfile() {
    Object profile = ConfigPaths.get(root, "profile");
    return profile == null ? "" : " in profile '" + profile + "'";
  }

  private static String shown(String key, Object value) {
    if (value == null) {
      return "nothing";
    }
    if (SECRET.matcher(key).matches()) {
      return "a " + value.getClass().getSimpleName() + " (value hidden)";
    }
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }
}
