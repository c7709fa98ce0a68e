package dev.cartwheel.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class LogFormatTest {

  @Test
  void loggingFormatIsTextOrJson() {
    assertThat(LogFormat.json(config("text"))).isFalse();
    assertThat(LogFormat.json(config("json"))).isTrue();
    assertThatThrownBy(() -> LogFormat.json(config("xml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("logging.format");
  }

  @Test
  void aJsonLineIsOneObjectWithTheEventAndItsStackTrace() {
    LoggerContext context = new LoggerContext();
    Logger logger = context.getLogger("dev.cartwheel.orders.Saga");
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.WARN,
            "Order {} failed",
            new IllegalStateException("boom"),
            new Object[] {"o-1"});
    JsonLineLayout layout = new JsonLineLayout();
    layout.setContext(context);
    layout.start();

    String line = layout.doLayout(event);

    assertThat(line).endsWith(System.lineSeparator()).doesNotContain("\n" + "{");
    JsonObject json = new JsonObject(line.strip());
    assertThat(json.getString("level")).isEqualTo("WARN");
    assertThat(json.getString("logger")).isEqualTo("dev.cartwheel.orders.Saga");
    assertThat(json.getString("message")).isEqualTo("Order o-1 failed");
    assertThat(json.getString("exception")).startsWith("java.lang.IllegalStateException: boom");
    assertThat(json.containsKey("trace_id")).as("outside a request").isFalse();
  }

  private static ConfigReader config(String format) {
    return new ConfigReader(
        new JsonObject().put("logging", new JsonObject().put("format", format)));
  }
}
