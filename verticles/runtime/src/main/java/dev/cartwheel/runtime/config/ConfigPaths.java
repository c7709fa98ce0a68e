package dev.cartwheel.runtime.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Dotted paths into nested JSON ({@code http.port}); a leaf is anything that is not an object. */
public final class ConfigPaths {

  private ConfigPaths() {}

  public static List<String> leaves(JsonObject json) {
    List<String> paths = new ArrayList<>();
    collect("", json, paths);
    return paths;
  }

  private static void collect(String prefix, JsonObject json, List<String> paths) {
    for (String key : json.fieldNames()) {
      Object value = json.getValue(key);
      String path = prefix + key;
      if (value instanceof JsonObject nested) {
        collect(path + ".", nested, paths);
      } else {
        paths.add(path);
      }
    }
  }

  public static Object get(JsonObject json, String path) {
    Object current = json;
    // limit 0 here and in set: a trailing dot names no empty key
    for (String part : path.split("\\.", 0)) {
      if (!(current instanceof JsonObject object)) {
        return null;
      }
      current = object.getValue(part);
    }
    return current;
  }

  static boolean has(JsonObject json, String path) {
    int dot = path.lastIndexOf('.');
    Object parent = dot < 0 ? json : get(json, path.substring(0, dot));
    return parent instanceof JsonObject object && object.containsKey(path.substring(dot + 1));
  }

  static void set(JsonObject json, String path, Object value) {
    String[] parts = path.split("\\.", 0);
    JsonObject current = json;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject next = current.getJsonObject(parts[i]);
      if (next == null) {
        next = new JsonObject();
        current.put(parts[i], next);
      }
      current = next;
    }
    current.put(parts[parts.length - 1], value);
  }
}
