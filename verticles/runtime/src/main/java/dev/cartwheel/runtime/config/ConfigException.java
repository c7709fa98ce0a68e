package dev.cartwheel.runtime.config;

/**
 * A configuration that cannot run. The message is one line naming the key, the environment variable
 * that overrides it, and what is wrong, e.g. {@code http.port (CARTWHEEL_HTTP_PORT): expected an integer ...}.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, String problem) {
    super(key + " (" + EnvOverrides.preferredEnvName(key) + "): " + problem);
    this.key = key;
  }

  private ConfigException(String message, Throwable cause) {
    super(message, cause);
    this.key = null;
  }

  /** The key the message is about; null for a file or a variable that names no key. */
  public String key() {
    return key;
  }

  static ConfigException unknownVariable(String name) {
    return new ConfigException(
        name
            + ": unknown setting (no configuration key has this name; see the README's configuration table)",
        (Throwable) null);
  }

  static ConfigException inFile(String file, String problem) {
    return new ConfigException(file + ": " + problem, (Throwable) null);
  }

  static ConfigException unreadable(String file, Throwable cause) {
    String reason =
        cause.getMessage() == null
            ? cause.getClass().getSimpleName()
            : cause.getMessage().lines().findFirst().orElse("");
    return new ConfigException(file + ": cannot read configuration file (" + reason + ")", cause);
  }
}
