package dev.cartwheel.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * logging.levels: {@code logger=LEVEL} entries (e.g. {@code dev.cartwheel.gateway=DEBUG}) set on Logback,
 * at start and whenever the key changes. A logger that leaves the list goes back to what logback.xml says.
 */
final class LogLevels {

  private static final String KEY = "logging.levels";
  private static final List<String> LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /**
   * What logback.xml had set, per logger, before any change. One Logback context serves the whole JVM
   * (and every node a test starts in it), so this is kept once per JVM: the first change records it.
   */
  private static final Map<String, Level> ORIGINAL = new LinkedHashMap<>();

  private final Map<String, Level> configured = new LinkedHashMap<>();

  /** The entries, checked: a bad one is a ConfigException naming the key. */
  static Map<String, Level> parse(ConfigReader config) {
    Map<String, Level> levels = new LinkedHashMap<>();
    for (String entry : config.strings(KEY)) {
      String[] parts = entry.split("=", 2);
      if (parts.length != 2
          || parts[0].isBlank()
          || !LEVELS.contains(parts[1].trim().toUpperCase(Locale.ROOT))) {
        throw new ConfigException(
            KEY, "entries are logger=LEVEL with a level of " + LEVELS + ", not '" + entry + "'");
      }
      levels.put(parts[0].trim(), Level.toLevel(parts[1].trim()));
    }
    return levels;
  }

  void apply(ConfigReader config) {
    synchronized (ORIGINAL) {
      set(parse(config));
    }
  }

  private void set(Map<String, Level> wanted) {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    Set<String> dropped = new HashSet<>(configured.keySet());
    dropped.removeAll(wanted.keySet());
    dropped.forEach(name -> logback.getLogger(name).setLevel(ORIGINAL.get(name)));
    wanted.forEach(
        (name, level) -> {
          ch.qos.logback.classic.Logger logger = logback.getLogger(name);
          if (!ORIGINAL.containsKey(name)) {
            ORIGINAL.put(
                name,
                logger
                    .getLevel()); // often null (inherited): putIfAbsent would overwrite that later
          }
          logger.setLevel(level);
        });
    configured.clear();
    configured.putAll(wanted);
  }
}
