package dev.cartwheel.codecs.inventory;

public record QuotedLine(String sku, int quantity, long unitPriceMinor) {}
