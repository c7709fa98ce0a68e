package dev.cartwheel.codecs.inventory;

public record GetProduct(String sku) {}
