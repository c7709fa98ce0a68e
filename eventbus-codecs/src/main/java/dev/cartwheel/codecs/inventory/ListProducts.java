package dev.cartwheel.codecs.inventory;

/** A page of the catalogue, optionally filtered by text in the sku, name or description. Pages start at 0. */
public record ListProducts(String query, int page, int size) {}
