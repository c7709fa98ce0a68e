package dev.cartwheel.codecs.orders;

import java.util.List;

public record OrderPage(List<Order> items, int page, int size, long total) {

  public OrderPage {
    items = List.copyOf(items);
  }
}
