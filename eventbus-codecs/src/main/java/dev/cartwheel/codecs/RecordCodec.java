package dev.cartwheel.codecs;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Codec for an immutable message record. In one JVM the record itself is delivered (no copy, no
 * serialization); across the cluster it travels in the {@link WireJson} form. The receiving node picks
 * this codec by its name among the codecs it registered: no class name is ever read from the wire.
 */
public final class RecordCodec<T extends Record> implements MessageCodec<T, T> {

  private final Class<T> type;
  private final String name;

  public RecordCodec(Class<T> type, String name) {
    this.type = type;
    this.name = name;
  }

  @Override
  public void encodeToWire(Buffer buffer, T value) {
    WireJson.write(buffer, value);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    return WireJson.read(pos, buffer, type, name);
  }

  @Override
  public T transform(T value) {
    return value;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
