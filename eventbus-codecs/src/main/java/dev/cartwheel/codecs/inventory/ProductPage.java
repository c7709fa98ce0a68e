package dev.cartwheel.codecs.inventory;

import java.util.List;

public record ProductPage(List<Product> items, int page, int size, long total) {

  public ProductPage {
    items = List.copyOf(items);
  }
}
