package dev.cartwheel.codecs.inventory;

import java.util.List;

/**
 * One result per restock of a {@link RestockAll}, in its order: {@code code} is null when the restock was
 * applied (or had been, under its restock id), else the error code that {@link Restock} alone would have
 * failed with, and {@code detail} says why.
 */
public record RestockResults(List<Result> results) {

  /** One restock's outcome. */
  public record Result(String code, String detail) {

    public static final Result APPLIED = new Result(null, null);

    public boolean applied() {
      return code == null;
    }
  }
}
