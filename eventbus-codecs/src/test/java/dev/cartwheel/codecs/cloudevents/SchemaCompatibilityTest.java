package dev.cartwheel.codecs.cloudevents;

import static dev.cartwheel.codecs.cloudevents.SchemaCompatibility.Direction.INBOUND;
import static dev.cartwheel.codecs.cloudevents.SchemaCompatibility.Direction.OUTBOUND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwheel.codecs.cloudevents.SchemaCompatibility.Direction;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The build refuses a schema change that would break a consumer or a producer of a released type. */
class SchemaCompatibilityTest {

  private static final Path RELEASED = Path.of("released-schemas");

  @Test
  @DisplayName("every schema is compatible with its released version, and every type has one")
  void everySchemaKeepsItsReleasedPromise() throws IOException {
    EventSchemas schemas = EventSchemas.load();
    List<String> released;
    try (Stream<Path> files = Files.list(RELEASED)) {
      released =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.endsWith(".json"))
              .map(name -> name.substring(0, name.length() - ".json".length()))
              .toList();
    }
    assertThat(schemas.types())
        .as(
            "released types are never removed; a new type is released with its copy in %s",
            RELEASED)
        .containsExactlyInAnyOrderElementsOf(released);
    Map<String, List<String>> breaks = new TreeMap<>();
    for (String type : released) {
      JsonObject before =
          new JsonObject(Files.readString(RELEASED.resolve(EventSchemas.fileName(type))));
      Direction direction = CloudEventTypes.inbound().contains(type) ? INBOUND : OUTBOUND;
      List<String> found = SchemaCompatibility.breaks(before, schemas.schema(type), direction);
      if (!found.isEmpty()) {
        breaks.put(type + " (" + direction + ")", found);
      }
    }
    assertThat(breaks)
        .as(
            "changes that break a released type: publish a new version beside it instead (docs/event-contracts.md#compatibility)")
        .isEmpty();
  }

  private static JsonObject schema(String json) {
    return new JsonObject(json);
  }

  private static final JsonObject ORDER =
      schema(
          """
          {"type": "object", "required": ["id", "total"],
           "properties": {"id": {"type": "string", "format": "uuid"},
                          "total": {"type": "integer", "minimum": 0},
                          "status": {"type": "string", "enum": ["PENDING", "CONFIRMED"]}}}
          """);

  private static List<String> outbound(String current) {
    return SchemaCompatibility.breaks(ORDER, schema(current), OUTBOUND);
  }

  private static List<String> inbound(String current) {
    return SchemaCompatibility.breaks(ORDER, schema(current), INBOUND);
  }

  @Nested
  class Outbound {

    @Test
    @DisplayName("the same schema, or one with a new optional field, breaks nobody")
    void compatible() {
      assertThat(SchemaCompatibility.breaks(ORDER, ORDER, OUTBOUND)).isEmpty();
      JsonObject withNote = ORDER.copy();
      withNote.getJsonObject("properties").put("note", new JsonObject().put("type", "string"));
      assertThat(SchemaCompatibility.breaks(ORDER, withNote, OUTBOUND)).isEmpty();
    }

    @Test
    @DisplayName("a removed or renamed field, a type change, a new required field break consumers")
    void breaking() {
      assertThat(
              outbound(
                  """
                  {"type": "object", "required": ["id", "amount"],
                   "properties": {"id": {"type": "string", "format": "uuid"},
                                  "amount": {"type": "integer", "minimum": 0},
                                  "status": {"type": "string", "enum": ["PENDING", "CONFIRMED"]}}}
                  """))
          .contains("/total: the field was removed or renamed", "/: amount became required");
      assertThat(
              outbound(
                  """
                  {"type": "object", "required": ["id", "total"],
                   "properties": {"id": {"type": "string", "format": "uuid"},
                                  "total": {"type": "string"},
                                  "status": {"type": "string", "enum": ["PENDING", "CONFIRMED"]}}}
                  """))
          .contains("/total: the type went from [integer] to [string]");
      assertThat(
              outbound(
                  """
                  {"type": "object", "required": ["id", "total", "status"],
                   "properties": {"id": {"type": "string", "format": "uuid"},
                                  "total": {"type": "integer", "minimum": 0},
                                  "status": {"type": "string", "enum": ["PENDING", "CONFIRMED"]}}}
                  """))
          .containsExactly("/: status became required");
    }

    @Test
    @DisplayName(
        "a field no longer always there, a value consumers never saw, a wider range break consumers")
    void widening() {
      assertThat(
              outbound(
                  """
                  {"type": "object", "required": ["id"],
                   "properties": {"id": {"type": ["string", "null"]},
                                  "total": {"type": "integer"},
                                  "status": {"type": "string", "enum": ["PENDING", "CONFIRMED", "LOST"]}}}
                  """))
          .containsExactlyInAnyOrder(
              "/: total is no longer required, so consumers may miss it",
              "/id: the type went from [string] to [string, null]",
              "/id: format went from uuid to null",
              "/total: minimum went from 0 to null",
              "/status: the allowed values went from [PENDING, CONFIRMED] to [PENDING, CONFIRMED, LOST]");
    }
  }

  @Nested
  class Inbound {

    @Test
    @DisplayName("a looser check or a new optional field breaks no producer")
    void compatible() {
      assertThat(
              inbound(
                  """
                  {"type": "object", "required": ["id"],
                   "properties": {"id": {"type": "string"},
                                  "total": {"type": ["integer", "string"]},
                                  "status": {"type": "string", "enum": ["PENDING", "CONFIRMED", "LOST"]},
                                  "note": {"type": "string"}}}
                  """))
          .isEmpty();
    }

    @Test
    @DisplayName("a new required field or a tightened check breaks producers")
    void tightening() {
      assertThat(
              inbound(
                  """
                  {"type": "object", "required": ["id", "total", "note"], "additionalProperties": false,
                   "properties": {"id": {"type": "string", "format": "uuid", "pattern": "^[a-f0-9-]+$"},
                                  "total": {"type": "integer", "minimum": 1, "maximum": 100},
                                  "status": {"type": "string", "enum": ["PENDING"]},
                                  "note": {"type": "string", "maxLength": 10}}}
                  """))
          .containsExactlyInAnyOrder(
              "/: note became required",
              "/: fields not listed are refused now",
              "/id: pattern went from null to ^[a-f0-9-]+$",
              "/total: minimum went from 0 to 1",
              "/total: maximum went from null to 100",
              "/status: the allowed values went from [PENDING, CONFIRMED] to [PENDING]");
    }
  }

  @Test
  @DisplayName("a keyword the check does not know fails it rather than pass unjudged")
  void unknownKeywordsFail() {
    JsonObject withOneOf = ORDER.copy().put("oneOf", new io.vertx.core.json.JsonArray());
    assertThat(SchemaCompatibility.breaks(ORDER, withOneOf, OUTBOUND))
        .containsExactly("/: the keyword oneOf is not one the compatibility check knows");
  }
}
