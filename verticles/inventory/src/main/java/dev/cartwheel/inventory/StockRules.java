package dev.cartwheel.inventory;

import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.inventory.CreateProduct;
import dev.cartwheel.codecs.inventory.StockLine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What products and stock lines must look like; each method returns the field errors (empty when valid). */
final class StockRules {

  static final int MAX_LINES = 50;
  static final int MAX_QUANTITY = 10_000;
  static final int MAX_STOCK = 1_000_000;
  static final long MAX_PRICE_MINOR = 100_000_000L;
  private static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,39}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private StockRules() {}

  static List<FieldError> lines(List<StockLine> lines) {
    List<FieldError> errors = new ArrayList<>();
    if (lines.isEmpty() || lines.size() > MAX_LINES) {
      errors.add(new FieldError("lines", "must have 1 to " + MAX_LINES + " lines"));
      return errors;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      StockLine line = lines.get(i);
      if (line == null || line.sku() == null || !SKU.matcher(line.sku()).matches()) {
        errors.add(
            new FieldError(
                "lines/" + i + "/sku", "must be a SKU (A-Z, 0-9 and -, 2 to 40 characters)"));
      } else if (!seen.add(line.sku())) {
        errors.add(new FieldError("lines/" + i + "/sku", "appears more than once"));
      }
      if (line != null && (line.quantity() < 1 || line.quantity() > MAX_QUANTITY)) {
        errors.add(
            new FieldError("lines/" + i + "/quantity", "must be between 1 and " + MAX_QUANTITY));
      }
    }
    return errors;
  }

  static List<FieldError> product(CreateProduct product) {
    List<FieldError> errors = new ArrayList<>();
    if (product.sku() == null || !SKU.matcher(product.sku()).matches()) {
      errors.add(new FieldError("sku", "must be a SKU (A-Z, 0-9 and -, 2 to 40 characters)"));
    }
    if (product.name() == null
        || product.name().isBlank()
        || product.name().length() > 200
        || CONTROL.matcher(product.name()).find()) {
      errors.add(new FieldError("name", "must be 1 to 200 characters, without control characters"));
    }
    if (product.description() != null
        && (product.description().length() > 2000
            || product.description().indexOf('\u0000') >= 0)) {
      errors.add(new FieldError("description", "must be at most 2000 characters"));
    }
    if (product.priceMinor() < 0 || product.priceMinor() > MAX_PRICE_MINOR) {
      errors.add(new FieldError("priceMinor", "must be between 0 and " + MAX_PRICE_MINOR));
    }
    if (product.currency() == null || !CURRENCY.matcher(product.currency()).matches()) {
      errors.add(new FieldError("currency", "must be an ISO 4217 code such as EUR"));
    }
    if (product.initialStock() < 0 || product.initialStock() > MAX_STOCK) {
      errors.add(new FieldError("initialStock", "must be between 0 and " + MAX_STOCK));
    }
    return errors;
  }

  static List<FieldError> restock(String sku, int quantity) {
    List<FieldError> errors = new ArrayList<>();
    if (sku == null || !SKU.matcher(sku).matches()) {
      errors.add(new FieldError("sku", "must be a SKU (A-Z, 0-9 and -, 2 to 40 characters)"));
    }
    if (quantity < 1 || quantity > MAX_STOCK) {
      errors.add(new FieldError("quantity", "must be between 1 and " + MAX_STOCK));
    }
    return errors;
  }
}
