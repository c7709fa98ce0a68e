package dev.cartwheel.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * logging.levels: {@code logger=LEVEL} entries (e.g. {@code dev.cartwheel.gateway=DEBUG}) set on Logback,
 * at start and whenever the key changes. A logger that leaves the list goes back to what logback.xml says.
 */
final class LogLevels {

  private static final String KEY = "logging.levels";
  private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  private final Map<String, Level> configured = new LinkedHashMap<>();
  private final Map<String, Level> original = new LinkedHashMap<>();

  /** The entries, checked: a bad one is a ConfigException naming the key. */
  static Map<String, Level> parse(ConfigReader config) {
    Map<String, Level> levels = new LinkedHashMap<>();
    for (String entry : config.strings(KEY)) {
      String[] parts = entry.split("=", 2);
      if (parts.length != 2 || parts[0].isBlank() || !LEVELS.contains(parts[1].trim().toUpperCase())) {
        throw new ConfigException(KEY, "entries are logger=LEVEL with a level of " + LEVELS + ", not '" + entry + "'");
      }
      levels.put(parts[0].trim(), Level.toLevel(parts[1].trim()));
    }
    return levels;
  }

  synchronized void apply(ConfigReader config) {
    Map<String, Level> wanted = parse(config);
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    Set<String> dropped = new HashSet<>(configured.keySet());
    dropped.removeAll(wanted.keySet());
    dropped.forEach(name -> logback.getLogger(name).setLevel(original.remove(name)));
    wanted.forEach((name, level) -> {
      ch.qos.logback.classic.Logger logger = logback.getLogger(name);
      if (!original.containsKey(name)) {
        original.put(name, logger.getLevel());
      }
      logger.setLevel(level);
    });
    configured.clear();
    configured.putAll(wanted);
  }
}
