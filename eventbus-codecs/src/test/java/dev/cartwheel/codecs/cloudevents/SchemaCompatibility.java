package dev.cartwheel.codecs.cloudevents;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a new version of a type's data schema still serves those who relied on the released one. The
 * direction decides: consumers of outbound events break when the data can hold something it could not
 * (a field gone or no longer required, a new required field, a wider type, enum or range); producers
 * of inbound events break when what they send may no longer be accepted (a new required field, a
 * narrower type, enum or range, a new pattern or format, unknown fields refused). A keyword it does not
 * know fails the check rather than pass unjudged.
 */
final class SchemaCompatibility {

  enum Direction {
    /** We write, partners read. */
    OUTBOUND,
    /** Partners write, we read. */
    INBOUND
  }

  private static final Set<String> UNDERSTOOD =
      Set.of(
          "$schema",
          "title",
          "description",
          "examples",
          "deprecated",
          "type",
          "properties",
          "required",
          "items",
          "enum",
          "minimum",
          "maximum",
          "minLength",
          "maxLength",
          "minItems",
          "maxItems",
          "pattern",
          "format",
          "additionalProperties");

  private final Direction direction;
  private final List<String> breaks = new ArrayList<>();

  private SchemaCompatibility(Direction direction) {
    this.direction = direction;
  }

  /** What in {@code current} breaks those who relied on {@code released}; empty when nothing does. */
  static List<String> breaks(JsonObject released, JsonObject current, Direction direction) {
    SchemaCompatibility check = new SchemaCompatibility(direction);
    check.compare("", released, current);
    return check.breaks;
  }

  private void compare(String path, JsonObject released, JsonObject current) {
    String at = path.isEmpty() ? "/" : path;
    Set<String> keywords = new TreeSet<>(released.fieldNames());
    keywords.addAll(current.fieldNames());
    keywords.stream()
        .filter(keyword -> !UNDERSTOOD.contains(keyword))
        .forEach(
            keyword ->
                breaks.add(
                    at + ": the keyword " + keyword + " is not one the compatibility check knows"));
    types(at, released, current);
    properties(path, released, current);
    required(at, released, current);
    enums(at, released, current);
    lowerBound(at, "minimum", released, current);
    lowerBound(at, "minLength", released, current);
    lowerBound(at, "minItems", released, current);
    upperBound(at, "maximum", released, current);
    upperBound(at, "maxLength", released, current);
    upperBound(at, "maxItems", released, current);
    assertion(at, "pattern", released, current);
    assertion(at, "format", released, current);
    additionalProperties(at, released, current);
    items(path, released, current);
  }

  private void types(String at, JsonObject released, JsonObject current) {
    Set<Object> before = values(released.getValue("type"));
    Set<Object> after = values(current.getValue("type"));
    if (Objects.equals(before, after)) {
      return;
    }
    // an absent type allows any
    boolean widened = before != null && (after == null || !before.containsAll(after));
    boolean narrowed = after != null && (before == null || !after.containsAll(before));
    if (direction == Direction.OUTBOUND && widened) {
      breaks.add(at + ": the type went from " + before + " to " + after);
    } else if (direction == Direction.INBOUND && narrowed) {
      breaks.add(at + ": the type went from " + before + " to " + after);
    }
  }

  private void properties(String path, JsonObject released, JsonObject current) {
    JsonObject before = released.getJsonObject("properties", new JsonObject());
    JsonObject after = current.getJsonObject("properties", new JsonObject());
    for (String name : before.fieldNames()) {
      if (!after.containsKey(name)) {
        breaks.add(path + "/" + name + ": the field was removed or renamed");
      } else {
        compare(path + "/" + name, before.getJsonObject(name), after.getJsonObject(name));
      }
    }
  }

  private void required(String at, JsonObject released, JsonObject current) {
    Set<Object> before = values(released.getValue("required", new JsonArray()));
    Set<Object> after = values(current.getValue("required", new JsonArray()));
    for (Object name : after) {
      if (!before.contains(name)) {
        breaks.add(at + ": " + name + " became required");
      }
    }
    if (direction == Direction.OUTBOUND) {
      for (Object name : before) {
        if (!after.contains(name)) {
          breaks.add(at + ": " + name + " is no longer required, so consumers may miss it");
        }
      }
    }
  }

  private void enums(String at, JsonObject released, JsonObject current) {
    Set<Object> before = values(released.getValue("enum"));
    Set<Object> after = values(current.getValue("enum"));
    if (Objects.equals(before, after)) {
      return;
    }
    boolean widened = before != null && (after == null || !before.containsAll(after));
    boolean narrowed = after != null && (before == null || !after.containsAll(before));
    if ((direction == Direction.OUTBOUND && widened)
        || (direction == Direction.INBOUND && narrowed)) {
      breaks.add(at + ": the allowed values went from " + before + " to " + after);
    }
  }

  /** minimum, minLength, minItems: raising one (or adding it) tightens, lowering (or removing) loosens. */
  private void lowerBound(String at, String keyword, JsonObject released, JsonObject current) {
    bound(at, keyword, released, current, 1);
  }

  /** maximum, maxLength, maxItems: the other way round. */
  private void upperBound(String at, String keyword, JsonObject released, JsonObject current) {
    bound(at, keyword, released, current, -1);
  }

  private void bound(
      String at, String keyword, JsonObject released, JsonObject current, int tighterSign) {
    Number before = (Number) released.getValue(keyword);
    Number after = (Number) current.getValue(keyword);
    if (Objects.equals(before, after)) {
      return;
    }
    boolean tightened =
        before == null
            || (after != null
                && Double.compare(after.doubleValue(), before.doubleValue()) * tighterSign > 0);
    if ((direction == Direction.INBOUND && tightened)
        || (direction == Direction.OUTBOUND && !tightened)) {
      breaks.add(at + ": " + keyword + " went from " + before + " to " + after);
    }
  }

  /** pattern, format: adding one or changing it tightens; removing it loosens. */
  private void assertion(String at, String keyword, JsonObject released, JsonObject current) {
    Object before = released.getValue(keyword);
    Object after = current.getValue(keyword);
    if (Objects.equals(before, after)) {
      return;
    }
    boolean tightened = after != null;
    boolean loosened = before != null;
    if ((direction == Direction.INBOUND && tightened)
        || (direction == Direction.OUTBOUND && loosened)) {
      breaks.add(at + ": " + keyword + " went from " + before + " to " + after);
    }
  }

  private void additionalProperties(String at, JsonObject released, JsonObject current) {
    Object before = released.getValue("additionalProperties", true);
    Object after = current.getValue("additionalProperties", true);
    if (!(before instanceof Boolean) || !(after instanceof Boolean)) {
      breaks.add(at + ": only true or false additionalProperties can be judged");
    } else if (direction == Direction.INBOUND && (Boolean) before && !(Boolean) after) {
      breaks.add(at + ": fields not listed are refused now");
    } else if (direction == Direction.OUTBOUND && !(Boolean) before && (Boolean) after) {
      breaks.add(at + ": fields not listed may appear now");
    }
  }

  private void items(String path, JsonObject released, JsonObject current) {
    Object before = released.getValue("items");
    Object after = current.getValue("items");
    if (before == null && after == null) {
      return;
    }
    if (before instanceof JsonObject b && after instanceof JsonObject a) {
      compare(path + "/items", b, a);
    } else {
      breaks.add((path.isEmpty() ? "/" : path) + ": items went from " + before + " to " + after);
    }
  }

  /** A keyword's value as a set (a single value is a set of one); null when the keyword is absent. */
  private static Set<Object> values(Object value) {
    if (value == null) {
      return null;
    }
    Set<Object> values = new LinkedHashSet<>();
    if (value instanceof JsonArray array) {
      array.forEach(values::add);
    } else {
      values.add(value);
    }
    return values;
  }
}
