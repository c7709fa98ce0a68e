package dev.cartwheel.codecs.inventory;

import java.util.List;

/** Several restocks in one transaction, in their order: each as {@link Restock} would apply it alone. */
public record RestockAll(List<Restock> restocks) {}
