package dev.cartwheel.codecs.inventory;

/**
 * Adds {@code quantity} to the stock on hand. With a {@code restockId} (a warehouse delivery note, an
 * inbound event id) the same restock applied twice counts once.
 */
public record Restock(String sku, int quantity, String restockId) {}
