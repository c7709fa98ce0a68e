package dev.cartwheel.codecs.inventory;

public record CreateProduct(
    String sku,
    String name,
    String description,
    long priceMinor,
    String currency,
    int initialStock) {}
