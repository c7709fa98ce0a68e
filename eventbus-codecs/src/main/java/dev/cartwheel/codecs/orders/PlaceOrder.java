package dev.cartwheel.codecs.orders;

import java.util.List;
import java.util.UUID;

public record PlaceOrder(
    UUID userId, String idempotencyKey, List<OrderLine> lines, String paymentToken) {

  public PlaceOrder {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }

  @Override
  public String toString() {
    return "PlaceOrder[userId="
        + userId
        + ", idempotencyKey="
        + idempotencyKey
        + ", lines="
        + lines
        + ", paymentToken=***]";
  }
}
