package dev.cartwheel.launcher.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * {@code logging.format}: {@code text} leaves logback.xml as it is; {@code json} gives the root logger's
 * stream appenders (the console) a {@link JsonLineLayout}. Applied once, at start.
 */
public final class LogFormat {

  private static final String KEY = "logging.format";

  private LogFormat() {}

  /** True for json, false for text; anything else is a ConfigException. */
  public static boolean json(ConfigReader config) {
    String format = config.requiredString(KEY);
    return switch (format) {
      case "text" -> false;
      case "json" -> true;
      default -> throw new ConfigException(KEY, "must be text or json, not '" + format + "'");
    };
  }

  public static void apply(ConfigReader config) {
    if (!json(config)) {
      return;
    }
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    Iterator<Appender<ILoggingEvent>> appenders =
        logback.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    while (appenders.hasNext()) {
      if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> stream) {
        stream.setEncoder(jsonEncoder(logback));
      }
    }
  }

  /** A started encoder writing {@link JsonLineLayout} lines. */
  public static LayoutWrappingEncoder<ILoggingEvent> jsonEncoder(LoggerContext logback) {
    JsonLineLayout layout = new JsonLineLayout();
    layout.setContext(logback);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(logback);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }
}
