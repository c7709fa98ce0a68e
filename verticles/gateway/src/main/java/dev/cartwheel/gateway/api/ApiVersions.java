package dev.cartwheel.gateway.api;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The API's versions and the deprecation of operations that have a successor in a newer one. A deprecated
 * operation (marked {@code deprecated: true} in its OpenAPI document) still works, and answers with
 * {@code Deprecation} (RFC 9745: since when), {@code Sunset} (RFC 8594: when it may stop working) and a
 * {@code Link} to its successor.
 */
public final class ApiVersions {

  /** api.deprecatedSince and api.sunset. */
  public record Settings(LocalDate deprecatedSince, LocalDate sunset) {

    public static Settings from(ConfigReader config) {
      Settings settings =
          new Settings(date(config, "api.deprecatedSince"), date(config, "api.sunset"));
      if (settings.sunset().isBefore(settings.deprecatedSince())) {
        throw new ConfigException("api.sunset", "must not be before api.deprecatedSince");
      }
      return settings;
    }

    private static LocalDate date(ConfigReader config, String key) {
      String text = config.requiredString(key);
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw new ConfigException(key, "must be a date like 2027-06-30, not " + text);
      }
    }
  }

  /** RFC 9110's IMF-fixdate: always a two-digit day, always GMT. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

  private final Settings settings;
  private final ApiDocument v1;
  private final String deprecation;
  private final String sunset;

  public ApiVersions(Settings settings, ApiDocument v1) {
    this.settings = settings;
    this.v1 = v1;
    this.deprecation =
        "@" + settings.deprecatedSince().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    this.sunset = HTTP_DATE.format(settings.sunset().atStartOfDay(ZoneOffset.UTC));
  }

  /** GET /api: what versions there are, where their documents are, and what is deprecated. */
  public void list(RoutingContext rc) {
    rc.json(
        new JsonObject()
            .put(
                "versions",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("version", "v1")
                            .put("path", ApiPaths.V1)
                            .put("openapi", ApiPaths.V1 + ApiPaths.OPENAPI_JSON)
                            .put("status", "supported")
                            .put("deprecatedOperations", new JsonArray(deprecatedOperations(v1)))
                            .put("deprecatedSince", settings.deprecatedSince().toString())
                            .put("sunset", settings.sunset().toString()))
                    .add(
                        new JsonObject()
                            .put("version", "v2")
                            .put("path", ApiPaths.V2)
                            .put("openapi", ApiPaths.V2 + ApiPaths.OPENAPI_JSON)
                            .put("status", "current")))
            .put("asyncapi", ApiPaths.ASYNCAPI));
  }

  /** For a deprecated v1 operation: says so, and where its v2 successor is. */
  public void deprecated(RoutingContext rc) {
    // deprecated operations are v1's: their path starts with it
    String path = rc.request().path();
    rc.response()
        .putHeader("Deprecation", deprecation)
        .putHeader("Sunset", sunset)
        .putHeader(
            "Link",
            "<"
                + ApiPaths.V2
                + path.substring(ApiPaths.V1.length())
                + ">; rel=\"successor-version\"");
    rc.next();
  }

  public static boolean isDeprecated(Operation operation) {
    return operation.getOpenAPIModel().getBoolean("deprecated", false);
  }

  private static List<String> deprecatedOperations(ApiDocument document) {
    return document.contract().operations().stream()
        .filter(ApiVersions::isDeprecated)
        .map(Operation::getOperationId)
        .sorted()
        .toList();
  }
}
