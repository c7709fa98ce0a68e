package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwheel.runtime.config.ConfigPaths;
import dev.cartwheel.runtime.config.EnvOverrides;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the configuration table (docs/configuration.md) true to conf/config.json. */
class ConfigurationDocsTest {

  private static final Path ROOT = Path.of("..", "..");

  @Test
  @DisplayName(
      "every configuration key is documented in docs/configuration.md with its environment variable and default")
  void everyKeyIsInTheReadme() throws IOException {
    String readme = Files.readString(ROOT.resolve("docs/configuration.md"));
    JsonObject defaults = new JsonObject(Files.readString(ROOT.resolve("conf/config.json")));

    List<String> keys = ConfigPaths.leaves(defaults);
    assertThat(keys).isNotEmpty();
    for (String key : keys) {
      Object value = ConfigPaths.get(defaults, key);
      String row =
          readme
              .lines()
              .filter(line -> line.startsWith("| `" + key + "` |"))
              .findFirst()
              .orElse(null);
      assertThat(row).as("docs/configuration.md row for %s", key).isNotNull();
      assertThat(row)
          .as("docs/configuration.md row for %s", key)
          .contains("`" + EnvOverrides.preferredEnvName(key) + "`")
          .contains("`" + io.vertx.core.json.Json.encode(value) + "`");
    }
  }
}
