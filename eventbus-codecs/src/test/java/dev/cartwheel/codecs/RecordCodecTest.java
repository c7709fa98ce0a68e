package dev.cartwheel.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecordCodecTest {

  static Stream<Class<? extends Record>> messageTypes() {
    return Codecs.messageTypes();
  }

  @ParameterizedTest
  @MethodSource("messageTypes")
  @DisplayName("every message record survives the cluster wire unchanged, even behind other bytes")
  <T extends Record> void roundTripsThroughTheWire(Class<T> type) {
    T sample = sampleOf(type);
    RecordCodec<T> codec = codecFor(type);

    Buffer wire = Buffer.buffer("prefix-the-event-bus-wrote");
    int pos = wire.length();
    codec.encodeToWire(wire, sample);

    assertThat(codec.decodeFromWire(pos, wire)).isEqualTo(sample);
  }

  @ParameterizedTest
  @MethodSource("messageTypes")
  @DisplayName("in one JVM the record itself is delivered: transform is the identity")
  <T extends Record> void transformIsTheIdentity(Class<T> type) {
    T sample = sampleOf(type);
    assertThat(codecFor(type).transform(sample)).isSameAs(sample);
  }

  @ParameterizedTest
  @MethodSource("messageTypes")
  @DisplayName("the wire form stays small (event-bus bodies should be well under 2 KB)")
  <T extends Record> void wireFormIsCompact(Class<T> type) {
    Buffer wire = Buffer.buffer();
    codecFor(type).encodeToWire(wire, sampleOf(type));
    assertThat(wire.length()).isLessThan(1024);
  }

  @Test
  void garbageBytesFailWithAClearMessage() {
    RecordCodec<dev.cartwheel.codecs.users.Login> codec =
        codecFor(dev.cartwheel.codecs.users.Login.class);

    assertThatThrownBy(() -> codec.decodeFromWire(0, Buffer.buffer(new byte[] {1, 2})))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("users.Login")
        .hasMessageContaining("shorter than its 5-byte header");

    assertThatThrownBy(
            () ->
                codec.decodeFromWire(
                    0, Buffer.buffer().appendInt(9999).appendByte((byte) 1).appendString("{}")))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("declared length 9999");

    assertThatThrownBy(
            () ->
                codec.decodeFromWire(
                    0, Buffer.buffer().appendInt(3).appendByte((byte) 7).appendString("{}")))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("unsupported wire version 7");

    byte[] notJson = "\u0000\u00ff garbage".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(
            () ->
                codec.decodeFromWire(
                    0,
                    Buffer.buffer()
                        .appendInt(notJson.length + 1)
                        .appendByte((byte) 1)
                        .appendBytes(notJson)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("not a valid Login");
  }

  @Test
  @DisplayName("a newer node may add fields: unknown properties are ignored")
  void unknownFieldsAreIgnored() {
    RecordCodec<dev.cartwheel.codecs.users.Login> codec =
        codecFor(dev.cartwheel.codecs.users.Login.class);
    byte[] json =
        "{\"email\":\"a@b.c\",\"password\":\"x\",\"addedLater\":42}"
            .getBytes(StandardCharsets.UTF_8);

    var decoded =
        codec.decodeFromWire(
            0, Buffer.buffer().appendInt(json.length + 1).appendByte((byte) 1).appendBytes(json));

    assertThat(decoded).isEqualTo(new dev.cartwheel.codecs.users.Login("a@b.c", "x"));
  }

  @Test
  @DisplayName("records that carry secrets never print them")
  void secretsAreRedactedInToString() {
    assertThat(MessageSamples.SAMPLES.values())
        .allSatisfy(
            sample ->
                assertThat(sample.toString())
                    .doesNotContain("analytical-engine-1843")
                    .doesNotContain("eyJhbGciOiJFUzI1NiJ9")
                    .doesNotContain("tok_visa"));
  }

  @ParameterizedTest
  @MethodSource("messageTypes")
  @DisplayName("outside the bus (outbox payloads) a record's JSON reads back equal to it")
  <T extends Record> void roundTripsThroughJson(Class<T> type) {
    T sample = sampleOf(type);
    assertThat(RecordJson.decode(RecordJson.encode(sample), type)).isEqualTo(sample);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Record> T sampleOf(Class<T> type) {
    assertThat(MessageSamples.SAMPLES)
        .as("a sample for %s in MessageSamples", type.getSimpleName())
        .containsKey(type);
    return (T) MessageSamples.SAMPLES.get(type);
  }

  private static <T extends Record> RecordCodec<T> codecFor(Class<T> type) {
    String domain = type.getPackageName().substring(type.getPackageName().lastIndexOf('.') + 1);
    return new RecordCodec<>(type, Codecs.codecName(domain, type));
  }
}
