package dev.cartwheel.codecs.orders;

public record OrderLine(String sku, int quantity) {}
