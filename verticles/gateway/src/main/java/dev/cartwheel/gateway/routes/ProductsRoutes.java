package dev.cartwheel.gateway.routes;

import dev.cartwheel.codecs.inventory.CreateProduct;
import dev.cartwheel.codecs.inventory.GetProduct;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.ListProducts;
import dev.cartwheel.codecs.inventory.Product;
import dev.cartwheel.codecs.inventory.ProductPage;
import dev.cartwheel.codecs.inventory.Restock;
import dev.cartwheel.gateway.api.ApiPaths;
import dev.cartwheel.gateway.caching.CatalogueCache;
import dev.cartwheel.gateway.domains.DomainClient;
import dev.cartwheel.gateway.security.Access;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** HTTP ↔ inventory: the public catalogue, and the admin's products and restocks. */
final class ProductsRoutes {

  private final DomainClient domains;
  private final CatalogueCache catalogue;

  ProductsRoutes(DomainClient domains, CatalogueCache catalogue) {
    this.domains = domains;
    this.catalogue = catalogue;
  }

  void list(RoutingContext rc) {
    Paging paging = Paging.of(rc);
    catalogue.serve(
        rc,
        () ->
            domains
                .<ProductPage>request(
                    InventoryContract.DOMAIN,
                    InventoryContract.LIST_PRODUCTS,
                    new ListProducts(rc.queryParams().get("q"), paging.page(), paging.size()),
                    rc)
                .map(page -> Representations.products(page).toBuffer()));
  }

  void get(RoutingContext rc) {
    catalogue.serve(
        rc,
        () ->
            domains
                .<Product>request(
                    InventoryContract.DOMAIN,
                    InventoryContract.GET_PRODUCT,
                    new GetProduct(rc.pathParam("sku")),
                    rc)
                .map(product -> Representations.product(product).toBuffer()));
  }

  void create(RoutingContext rc) {
    if (!Access.requireAdmin(rc)) {
      return;
    }
    JsonObject body = rc.body().asJsonObject();
    CreateProduct command =
        new CreateProduct(
            body.getString("sku"),
            body.getString("name"),
            body.getString("description", ""),
            body.getLong("priceMinor"),
            body.getString("currency"),
            body.getInteger("initialStock", 0));
    domains
        .<Product>request(InventoryContract.DOMAIN, InventoryContract.CREATE_PRODUCT, command, rc)
        .onSuccess(
            product ->
                rc.response()
                    .setStatusCode(201)
                    .putHeader("Location", ApiPaths.V1_PRODUCTS + "/" + product.sku())
                    .putHeader("Content-Type", "application/json")
                    .end(Representations.product(product).toBuffer()))
        .onFailure(rc::fail);
  }

  void restock(RoutingContext rc) {
    if (!Access.requireAdmin(rc)) {
      return;
    }
    Restock command =
        new Restock(
            rc.pathParam("sku"),
            rc.body().asJsonObject().getInteger("quantity"),
            rc.request().getHeader("Idempotency-Key"));
    domains
        .<Product>request(InventoryContract.DOMAIN, InventoryContract.RESTOCK, command, rc)
        .onSuccess(product -> rc.json(Representations.product(product)))
        .onFailure(rc::fail);
  }
}
