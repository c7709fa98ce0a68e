package dev.cartwheel.codecs.orders;

public record PricedLine(String sku, int quantity, long unitPriceMinor) {}
