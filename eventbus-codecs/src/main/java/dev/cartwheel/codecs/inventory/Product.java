package dev.cartwheel.codecs.inventory;

/**
 * A product of the catalogue. Prices are in minor units (cents) of {@code currency} (ISO 4217).
 * {@code stockOnHand} is what the warehouse holds; {@code reserved} is held for orders in progress;
 * what can still be ordered is their difference.
 */
public record Product(
    String sku,
    String name,
    String description,
    long priceMinor,
    String currency,
    int stockOnHand,
    int reserved) {

  public int available() {
    return stockOnHand - reserved;
  }
}
