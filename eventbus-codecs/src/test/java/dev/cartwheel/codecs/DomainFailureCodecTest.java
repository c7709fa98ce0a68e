package dev.cartwheel.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwheel.codecs.users.UsersError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainFailureCodecTest {

  private final DomainFailureCodec codec = new DomainFailureCodec();

  @Test
  void aFailureCrossesTheWireWithItsCodeKindAndFieldErrors() {
    DomainFailure failure =
        DomainFailure.invalid(
            List.of(
                new FieldError("email", "must be a valid e-mail address"),
                new FieldError("password", "must be at least 10 characters")));

    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, failure);
    DomainFailure decoded = codec.decodeFromWire(0, wire);

    assertThat(decoded.failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
    assertThat(decoded.failureCode()).isEqualTo(CommonError.VALIDATION_FAILED.failureCode());
    assertThat(decoded.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(decoded.kind()).isEqualTo(ErrorKind.INVALID);
    assertThat(decoded.getMessage()).isEqualTo("2 fields are invalid.");
    assertThat(decoded.fieldErrors()).isEqualTo(failure.fieldErrors());
  }

  @Test
  void inOneJvmTheFailureItselfIsDelivered() {
    DomainFailure failure = DomainFailure.of(UsersError.EMAIL_TAKEN, "taken");
    assertThat(codec.transform(failure)).isSameAs(failure);
  }

  @Test
  void garbageBytesFailWithAClearMessage() {
    assertThatThrownBy(() -> codec.decodeFromWire(0, Buffer.buffer("nonsense")))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("cannot decode cartwheel.DomainFailure from the wire");
  }
}
