package dev.cartwheel.codecs;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;

/** Carries a {@link DomainFailure} across the cluster with its code, kind and field errors intact. */
public final class DomainFailureCodec implements MessageCodec<DomainFailure, DomainFailure> {

  static final String NAME = "cartwheel.DomainFailure";

  /** The wire shape of a failure. */
  record Wire(
      int failureCode, String code, ErrorKind kind, String detail, List<FieldError> fieldErrors) {}

  @Override
  public void encodeToWire(Buffer buffer, DomainFailure failure) {
    WireJson.write(
        buffer,
        new Wire(
            failure.failureCode(),
            failure.code(),
            failure.kind(),
            failure.getMessage(),
            failure.fieldErrors()));
  }

  @Override
  public DomainFailure decodeFromWire(int pos, Buffer buffer) {
    Wire wire = WireJson.read(pos, buffer, Wire.class, NAME);
    return new DomainFailure(
        wire.failureCode(), wire.code(), wire.kind(), wire.detail(), wire.fieldErrors());
  }

  @Override
  public DomainFailure transform(DomainFailure failure) {
    return failure;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
