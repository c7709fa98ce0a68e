package dev.cartwheel.codecs.inventory;

public record StockLine(String sku, int quantity) {}
