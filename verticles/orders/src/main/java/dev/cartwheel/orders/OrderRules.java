package dev.cartwheel.orders;

import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.orders.OrderLine;
import dev.cartwheel.codecs.orders.PlaceOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What an order must look like, and the fingerprint that tells a replay from a different request. */
final class OrderRules {

  static final int MAX_LINES = 20;
  static final int MAX_QUANTITY = 100;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,39}");
  private static final Pattern TOKEN = Pattern.compile("tok_[A-Za-z0-9_]{1,60}");

  private OrderRules() {}

  static List<FieldError> check(PlaceOrder order) {
    List<FieldError> errors = new ArrayList<>();
    if (order.userId() == null) {
      errors.add(new FieldError("userId", "is required"));
    }
    if (order.idempotencyKey() == null || !KEY.matcher(order.idempotencyKey()).matches()) {
      errors.add(
          new FieldError(
              "idempotencyKey", "must be 1 to 128 characters of A-Z, a-z, 0-9 and . _ : -"));
    }
    if (order.paymentToken() == null || !TOKEN.matcher(order.paymentToken()).matches()) {
      errors.add(new FieldError("paymentToken", "must be a card token such as tok_visa"));
    }
    if (order.lines().isEmpty() || order.lines().size() > MAX_LINES) {
      errors.add(new FieldError("lines", "must have 1 to " + MAX_LINES + " lines"));
      return errors;
    }
    Set<String> skus = new HashSet<>();
    for (int i = 0; i < order.lines().size(); i++) {
      OrderLine line = order.lines().get(i);
      if (line == null || line.sku() == null || !SKU.matcher(line.sku()).matches()) {
        errors.add(
            new FieldError(
                "lines/" + i + "/sku", "must be a SKU (A-Z, 0-9 and -, 2 to 40 characters)"));
      } else if (!skus.add(line.sku())) {
        errors.add(
            new FieldError(
                "lines/" + i + "/sku", "appears more than once; order a larger quantity instead"));
      }
      if (line != null && (line.quantity() < 1 || line.quantity() > MAX_QUANTITY)) {
        errors.add(
            new FieldError("lines/" + i + "/quantity", "must be between 1 and " + MAX_QUANTITY));
      }
    }
    return errors;
  }

  /** SHA-256 of what the customer asked for: the same key with another fingerprint is another request. */
  static String fingerprint(PlaceOrder order) {
    StringBuilder canonical = new StringBuilder();
    order
        .lines()
        .forEach(
            line -> canonical.append(line.sku()).append(':').append(line.quantity()).append(','));
    canonical.append('|').append(order.paymentToken());
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
