package dev.cartwheel.codecs.inventory;

import java.util.List;

/** Current prices for some lines, all in one currency. */
public record Quotation(List<QuotedLine> lines, long totalMinor, String currency) {

  public Quotation {
    lines = List.copyOf(lines);
  }
}
