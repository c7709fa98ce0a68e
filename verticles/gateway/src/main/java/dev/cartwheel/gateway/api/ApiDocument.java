package dev.cartwheel.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document of a version of the API, as published ({@link #published()}) and as a contract
 * for request validation ({@link #contract()}). vertx-openapi 5.0 refuses {@code application/problem+json}
 * responses, so the contract is a copy in which error responses are declared as {@code application/json};
 * requests are validated identically, and clients read the true document.
 */
public record ApiDocument(String path, JsonObject published, OpenAPIContract contract) {

  private static final String PROBLEM_JSON = "application/problem+json";

  public static Future<ApiDocument> load(Vertx vertx, String path) {
    return vertx
        .fileSystem()
        .readFile(path)
        .compose(
            file -> {
              Map<String, Object> yaml =
                  new Yaml(new SafeConstructor(new LoaderOptions()))
                      .load(file.toString(StandardCharsets.UTF_8));
              JsonObject published = new JsonObject(yaml).copy();
              return OpenAPIContract.from(vertx, forValidation(published.copy()))
                  .map(contract -> new ApiDocument(path, published, contract));
            });
  }

  private static JsonObject forValidation(JsonObject document) {
    JsonObject responses =
        document
            .getJsonObject("components", new JsonObject())
            .getJsonObject("responses", new JsonObject());
    responses.forEach(entry -> renameProblemContent((JsonObject) entry.getValue()));
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    paths.forEach(
        path ->
            ((JsonObject) path.getValue())
                .forEach(
                    operation -> {
                      if (operation.getValue() instanceof JsonObject op
                          && op.containsKey("responses")) {
                        op.getJsonObject("responses")
                            .forEach(
                                response -> renameProblemContent((JsonObject) response.getValue()));
                      }
                    }));
    return document;
  }

  private static void renameProblemContent(JsonObject response) {
    JsonObject content = response.getJsonObject("content");
    if (content != null && content.containsKey(PROBLEM_JSON)) {
      content.put("application/json", content.remove(PROBLEM_JSON));
    }
  }
}
