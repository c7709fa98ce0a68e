package dev.cartwheel.codecs.cloudevents;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The JSON Schema (2020-12) of each CloudEvent type's data, read from {@value #DIRECTORY} on the
 * classpath: the one source the bridge validates inbound data with, outbound events are tested
 * against, the gateway serves, and the AsyncAPI document refers to.
 */
public final class EventSchemas {

  /** Where the schemas are, on the classpath and beside the AsyncAPI document. */
  public static final String DIRECTORY = "contracts/schemas/";

  /** The AsyncAPI document of the Kafka side, on the classpath; it refers to the schemas relatively. */
  public static final String ASYNCAPI_DOCUMENT = "contracts/asyncapi.json";

  private static final String BASE_URI = "https://cartwheel.dev/api/schemas/";

  private final Map<String, JsonObject> schemas;
  private final Map<String, Validator> validators;

  private EventSchemas(Map<String, JsonObject> schemas) {
    this.schemas = schemas;
    this.validators = new LinkedHashMap<>();
    schemas.forEach(
        (type, schema) ->
            validators.put(
                type,
                Validator.create(
                    // of() annotates what it is given: the schema served and compared stays as
                    // written
                    JsonSchema.of(schema.copy()),
                    new JsonSchemaOptions()
                        .setDraft(Draft.DRAFT202012)
                        .setBaseUri(BASE_URI + fileName(type))
                        .setOutputFormat(OutputFormat.Basic))));
  }

  /** Every type's schema, outbound and inbound; fails when one is missing. */
  public static EventSchemas load() {
    return load(
        Stream.concat(
                CloudEventTypes.outbound().keySet().stream(), CloudEventTypes.inbound().stream())
            .toList());
  }

  static EventSchemas load(Collection<String> types) {
    Map<String, JsonObject> schemas = new LinkedHashMap<>();
    types.forEach(type -> schemas.put(type, read(fileName(type))));
    return new EventSchemas(schemas);
  }

  /** The schema's file name in {@value #DIRECTORY} (and under {@code /api/schemas/}). */
  public static String fileName(String type) {
    return type + ".json";
  }

  public Set<String> types() {
    return schemas.keySet();
  }

  public JsonObject schema(String type) {
    JsonObject schema = schemas.get(type);
    if (schema == null) {
      throw new IllegalArgumentException("no schema for " + type);
    }
    return schema;
  }

  /**
   * What is wrong with {@code data} (parsed JSON) for {@code type}, one line per failing place, each
   * starting with its JSON pointer ({@code /lines/0/quantity: ...}); empty when it is valid.
   */
  public List<String> violations(String type, Object data) {
    Validator validator = validators.get(type);
    if (validator == null) {
      throw new IllegalArgumentException("no schema for " + type);
    }
    OutputUnit result = validator.validate(data);
    List<String> violations = new ArrayList<>();
    if (!Boolean.TRUE.equals(result.getValid())) {
      List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
      for (OutputUnit error : errors) {
        if (!isWrapper(error)) {
          violations.add(pointer(error.getInstanceLocation()) + ": " + error.getError());
        }
      }
      if (violations.isEmpty()) {
        violations.add("/: " + result.getError());
      }
    }
    return violations;
  }

  /** "Property x does not match schema": said again, more precisely, by the assertion below it. */
  private static boolean isWrapper(OutputUnit error) {
    String keyword = error.getKeywordLocation();
    return keyword != null && (keyword.endsWith("/properties") || keyword.endsWith("/items"));
  }

  /** The validator's {@code #/lines/0} as a plain JSON pointer, {@code /} for the whole data. */
  private static String pointer(String location) {
    String at = location == null ? "" : location.startsWith("#") ? location.substring(1) : location;
    return at.isEmpty() ? "/" : at;
  }

  private static JsonObject read(String file) {
    try (InputStream in =
        EventSchemas.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
      if (in == null) {
        throw new IllegalStateException("missing schema " + DIRECTORY + file);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
