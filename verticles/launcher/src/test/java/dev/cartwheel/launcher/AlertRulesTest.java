package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/alerts.yml: valid for Prometheus, each rule unit-tested by promtool (Debian's {@code prometheus}
 * package, which .ci/run installs), firing in at least one of those tests, on documented metrics only, and
 * explained in docs/operations.md.
 */
class AlertRulesTest {

  private static final Path DOCKER = Path.of("..", "..", "docker");
  private static final Path DOCS = Path.of("..", "..", "docs");

  @Test
  @DisplayName("promtool checks the rules and passes their unit tests")
  void promtoolPasses() throws Exception {
    assertThat(promtool("check", "rules", "alerts.yml")).isEmpty();
    assertThat(promtool("test", "rules", "alerts-test.yml")).isEmpty();
  }

  @Test
  @DisplayName("every alert fires in a unit test and has its row in docs/operations.md")
  void everyAlertIsTestedAndDocumented() throws IOException {
    List<String> alerts = alertNames();
    assertThat(alerts).hasSize(9);
    Set<String> fired = new TreeSet<>();
    for (Map<String, Object> test : list(yaml("alerts-test.yml").get("tests"))) {
      for (Map<String, Object> check : list(test.get("alert_rule_test"))) {
        if (!list(check.get("exp_alerts")).isEmpty()) {
          fired.add((String) check.get("alertname"));
        }
      }
    }
    assertThat(fired).as("alerts shown firing in docker/alerts-test.yml").containsAll(alerts);
    String operations = Files.readString(DOCS.resolve("operations.md"));
    for (String alert : alerts) {
      assertThat(operations)
          .as("docs/operations.md explains " + alert)
          .contains("| `" + alert + "`");
    }
  }

  @Test
  @DisplayName("the rules use only metrics docs/observability.md documents; Prometheus loads them")
  void rulesUseDocumentedMetrics() throws IOException {
    String observability = Files.readString(DOCS.resolve("observability.md"));
    Matcher metric =
        Pattern.compile("\\b(cartwheel_[a-z_]+?|vertx_[a-z]+_[a-z_]+?)(_total|_bucket)?\\b")
            .matcher("");
    Set<String> used = new TreeSet<>();
    for (Map<String, Object> rule : rules()) {
      metric.reset((String) rule.get("expr"));
      while (metric.find()) {
        used.add(metric.group(1));
      }
    }
    assertThat(used).isNotEmpty();
    for (String name : used) {
      String[] parts = name.split("_");
      String named = name.startsWith("cartwheel_") ? name : parts[0] + "_" + parts[1] + "_";
      assertThat(observability).as("docs/observability.md names " + name).contains("`" + named);
    }
    assertThat(yaml("prometheus.yml").get("rule_files")).isEqualTo(List.of("alerts.yml"));
  }

  static List<String> alertNames() {
    return rules().stream().map(rule -> (String) rule.get("alert")).toList();
  }

  static List<Map<String, Object>> rules() {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> group : list(yaml("alerts.yml").get("groups"))) {
      rules.addAll(list(group.get("rules")));
    }
    return rules;
  }

  /** Runs promtool in docker/ and answers its output when it fails, nothing when it passes. */
  private static String promtool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process process;
    try {
      process =
          new ProcessBuilder(command).directory(DOCKER.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          "promtool is not installed: it comes with Debian's prometheus package (.ci/run installs it)",
          e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return process.waitFor() == 0 ? "" : String.join(" ", command) + ":\n" + output;
  }

  private static Map<String, Object> yaml(String file) {
    try {
      return new Yaml().load(Files.readString(DOCKER.resolve(file)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }
}
