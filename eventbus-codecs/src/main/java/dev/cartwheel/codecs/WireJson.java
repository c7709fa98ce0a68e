package dev.cartwheel.codecs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The cluster wire form shared by all our codecs: {@code [int length][byte version][UTF-8 JSON]}, where
 * length counts the version byte and the JSON. JSON keeps bodies small and readable in a packet capture;
 * unknown properties are ignored, so a node may add a field before its peers know it (version stays 1);
 * an incompatible change bumps the version byte and old nodes refuse it with a clear error.
 */
final class WireJson {

  static final byte VERSION = 1;
  private static final int HEADER = Integer.BYTES + 1;

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private WireJson() {}

  static void write(Buffer buffer, Object value) {
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    buffer.appendInt(json.length + 1).appendByte(VERSION).appendBytes(json);
  }

  static <T> T read(int pos, Buffer buffer, Class<T> type, String codecName) {
    int available = buffer.length() - pos;
    if (pos < 0 || available < HEADER) {
      throw new WireFormatException(codecName, "body shorter than its " + HEADER + "-byte header");
    }
    int length = buffer.getInt(pos);
    if (length < 1 || length > available - Integer.BYTES) {
      throw new WireFormatException(
          codecName,
          "declared length " + length + " does not fit the " + available + " bytes received");
    }
    byte version = buffer.getByte(pos + Integer.BYTES);
    if (version != VERSION) {
      throw new WireFormatException(
          codecName, "unsupported wire version " + version + " (this node reads " + VERSION + ")");
    }
    byte[] json = buffer.getBytes(pos + HEADER, pos + Integer.BYTES + length);
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new WireFormatException(codecName, "body is JSON null");
      }
      return value;
    } catch (IOException e) {
      throw new WireFormatException(
          codecName,
          "body is not a valid "
              + type.getSimpleName()
              + " ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")",
          e);
    }
  }
}
