package dev.cartwheel.inventory;

import dev.cartwheel.codecs.inventory.CreateProduct;
import java.util.List;

/**
 * A small catalogue for the dev profile (inventory.seedDemoCatalogue), added once: existing SKUs are left alone.
 * {@link InventoryService#seed} adds it as an administrator's creations are added, each with its ProductCreated.
 */
final class DemoCatalogue {

  static final List<CreateProduct> PRODUCTS =
      List.of(
          new CreateProduct(
              "CW-MUG-01",
              "Cartwheel mug",
              "Stoneware mug, 350 ml, dishwasher safe.",
              1290,
              "EUR",
              50),
          new CreateProduct(
              "CW-TEE-M",
              "Cartwheel T-shirt (M)",
              "Organic cotton, navy, medium.",
              2490,
              "EUR",
              40),
          new CreateProduct(
              "CW-TEE-L", "Cartwheel T-shirt (L)", "Organic cotton, navy, large.", 2490, "EUR", 40),
          new CreateProduct(
              "CW-CAP-01",
              "Cartwheel cap",
              "Six-panel cap with embroidered logo.",
              1990,
              "EUR",
              30),
          new CreateProduct(
              "CW-BAG-01", "Tote bag", "Heavy canvas tote, 15 litres.", 1590, "EUR", 60),
          new CreateProduct("CW-STK-10", "Sticker pack", "Ten vinyl stickers.", 490, "EUR", 200),
          new CreateProduct(
              "CW-NTB-A5",
              "Dot-grid notebook",
              "A5, 192 pages, lay-flat binding.",
              1490,
              "EUR",
              25),
          new CreateProduct(
              "CW-HOOD-L",
              "Cartwheel hoodie (L)",
              "Brushed fleece, charcoal, large. A limited run.",
              5990,
              "EUR",
              5));

  private DemoCatalogue() {}
}
