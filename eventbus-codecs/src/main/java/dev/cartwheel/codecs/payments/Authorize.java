package dev.cartwheel.codecs.payments;

import java.util.UUID;

/** Authorize {@code amountMinor} of {@code currency} for an order, with the customer's card token. */
public record Authorize(UUID orderId, long amountMinor, String currency, String paymentToken) {

  @Override
  public String toString() {
    return "Authorize[orderId="
        + orderId
        + ", amountMinor="
        + amountMinor
        + ", currency="
        + currency
        + ", paymentToken=***]";
  }
}
