package dev.cartwheel.codecs;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;

/**
 * The JSON form of message records outside the event bus (the outbox's payload column, later the data of
 * CloudEvents): the same mapping as the cluster wire, so a record reads back equal to itself.
 */
public final class RecordJson {

  private RecordJson() {}

  public static String encode(Record value) {
    try {
      return WireJson.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T decode(String json, Class<T> type) {
    try {
      return WireJson.MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
