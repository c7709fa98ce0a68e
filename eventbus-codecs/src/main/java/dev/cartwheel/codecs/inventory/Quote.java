package dev.cartwheel.codecs.inventory;

import java.util.List;

public record Quote(List<StockLine> lines) {

  public Quote {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }
}
