package dev.cartwheel.codecs.inventory;

import java.util.List;
import java.util.UUID;

public record Reserve(UUID orderId, List<StockLine> lines) {

  public Reserve {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }
}
