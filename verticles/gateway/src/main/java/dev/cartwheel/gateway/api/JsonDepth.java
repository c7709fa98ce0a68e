package dev.cartwheel.gateway.api;

import io.vertx.core.buffer.Buffer;

/**
 * How deeply a JSON text nests, counted on the raw bytes before anything parses it: no API body needs
 * more than a few levels, and a deeply nested one only costs the parser and the validator.
 */
final class JsonDepth {

  private JsonDepth() {}

  /** True when the text nests objects and arrays deeper than {@code max}. */
  static boolean exceeds(Buffer json, int max) {
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < json.length(); i++) {
      byte b = json.getByte(i);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        if (++depth > max) {
          return true;
        }
      } else if (b == '}' || b == ']') {
        depth--;
      }
    }
    return false;
  }
}
