package dev.cartwheel.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.cartwheel.launcher.logging.JsonLineLayout;
import dev.cartwheel.launcher.logging.LogFormat;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every log line of this JVM while it is open, as the node writes it with {@code logging.format=json}
 * (the {@link JsonLineLayout}), with Cartwheel's own loggers turned up to TRACE so that nothing they
 * could say goes unseen.
 */
final class LogCapture implements AutoCloseable {

  private static final List<String> OURS = List.of("dev.cartwheel", "cartwheel");

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private final Map<String, Level> levels = new HashMap<>();
  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();

  private LogCapture() {
    appender.setContext(logback);
    appender.setName("capture");
    appender.setEncoder(LogFormat.jsonEncoder(logback));
    appender.setOutputStream(bytes);
    appender.start();
    logback.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    OURS.forEach(
        name -> {
          levels.put(name, logback.getLogger(name).getLevel());
          logback.getLogger(name).setLevel(Level.TRACE);
        });
  }

  static LogCapture start() {
    return new LogCapture();
  }

  /** The raw text written so far. */
  String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  List<JsonObject> lines() {
    return Arrays.stream(text().split("\\R"))
        .filter(line -> !line.isBlank())
        .map(JsonObject::new)
        .toList();
  }

  @Override
  public void close() {
    logback.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    appender.stop();
    levels.forEach((name, level) -> logback.getLogger(name).setLevel(level));
  }
}
