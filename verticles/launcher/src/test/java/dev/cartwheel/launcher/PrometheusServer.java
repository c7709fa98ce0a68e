package dev.cartwheel.launcher;

import static org.awaitility.Awaitility.await;

import dev.cartwheel.embedded.Ports;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.Yaml;

/**
 * Debian's {@code prometheus} run against test nodes on 127.0.0.1: docker/prometheus.yml with the test's
 * targets and one-second intervals, and docker/alerts.yml with the changes a test makes to a rule's numbers.
 */
final class PrometheusServer implements AutoCloseable {

  private static final Path DOCKER = Path.of("..", "..", "docker");

  private final Process process;
  private final URI api;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, URI api) {
    this.process = process;
    this.api = api;
  }

  /**
   * @param targets host:port of each node's /metrics
   * @param rules applied to each rule of docker/alerts.yml (a map with alert, expr, for…), to scale it
   */
  static PrometheusServer start(
      Path dir, List<String> targets, UnaryOperator<Map<String, Object>> rules) {
    try {
      Files.createDirectories(dir);
      Yaml yaml = new Yaml();
      Map<String, Object> config = yaml.load(Files.readString(DOCKER.resolve("prometheus.yml")));
      config.put("global", Map.of("scrape_interval", "1s", "evaluation_interval", "1s"));
      Map<String, Object> job = list(config.get("scrape_configs")).get(0);
      job.put("static_configs", List.of(Map.of("targets", targets)));
      Files.writeString(dir.resolve("prometheus.yml"), yaml.dump(config));

      Map<String, Object> alerts = yaml.load(Files.readString(DOCKER.resolve("alerts.yml")));
      for (Map<String, Object> group : list(alerts.get("groups"))) {
        group.put("rules", list(group.get("rules")).stream().map(rules).toList());
      }
      Files.writeString(dir.resolve("alerts.yml"), yaml.dump(alerts));

      int port = Ports.free();
      Process process =
          new ProcessBuilder(
                  "prometheus",
                  "--config.file=prometheus.yml",
                  "--storage.tsdb.path=data",
                  "--web.listen-address=127.0.0.1:" + port)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();
      PrometheusServer server =
          new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
      await().atMost(Duration.ofSeconds(30)).until(server::ready);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "prometheus could not start: it comes with Debian's prometheus package (.ci/run installs it)",
          e);
    }
  }

  /** The series an instant query answers, each with its labels and value. */
  JsonArray query(String promql) {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
        .getJsonObject("data")
        .getJsonArray("result");
  }

  /** The state of the named alert (pending or firing), if it is active. */
  Optional<String> alertState(String alert) {
    return get("/api/v1/alerts").getJsonObject("data").getJsonArray("alerts").stream()
        .map(JsonObject.class::cast)
        .filter(each -> alert.equals(each.getJsonObject("labels").getString("alertname")))
        .map(each -> each.getString("state"))
        .findFirst();
  }

  private boolean ready() {
    try {
      return http.send(
                  HttpRequest.newBuilder(api.resolve("/-/ready")).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private JsonObject get(String path) {
    try {
      return new JsonObject(
          http.send(
                  HttpRequest.newBuilder(api.resolve(path)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return (List<Map<String, Object>>) value;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
