package dev.cartwheel.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the simulations need before they run, made through the public API with a plain JDK client (not
 * measured): bench products, customers and their tokens. Every call may be repeated: a product that an
 * earlier run created answers 409 and is used as it is.
 */
final class BenchSetup {

  static final String PASSWORD = "bench-password-2026";
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");

  private final String baseUrl;
  private final HttpClient client = HttpClient.newHttpClient();
  private final String admin;

  BenchSetup(String baseUrl) {
    this.baseUrl = baseUrl;
    this.admin = token(post("/api/v1/sessions", null, "{\"email\":\"admin@cartwheel.dev\",\"password\":\"cartwheel-dev-admin\"}"));
  }

  /** Products prefix-00.. with at least a million in stock each. */
  BenchSetup ampleStock(String prefix, int count) {
    for (int i = 0; i < count; i++) {
      product(sku(prefix, i), 0);
      post("/api/v1/products/" + sku(prefix, i) + "/restock", admin, "{\"quantity\":1000000}");
    }
    return this;
  }

  /** Products prefix-00.. created with {@code stock} each and never restocked: they run out. */
  BenchSetup scarceStock(String prefix, int count, int stock) {
    for (int i = 0; i < count; i++) {
      product(sku(prefix, i), stock);
    }
    return this;
  }

  /** Registers {@code count} new customers and returns their tokens. */
  List<String> customers(int count) {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tokens.add(register(newEmail()));
    }
    return tokens;
  }

  /** Registers {@code count} new customers (password {@link #PASSWORD}) and returns their e-mail addresses. */
  List<String> customerEmails(int count) {
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      emails.add(newEmail());
      register(emails.get(i));
    }
    return emails;
  }

  private String register(String email) {
    return token(post("/api/v1/users", null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"fullName\":\"Bench Customer\"}"));
  }

  static String newEmail() {
    return "bench-" + UUID.randomUUID() + "@example.com";
  }

  static String sku(String prefix, int i) {
    return String.format("%s-%02d", prefix, i);
  }

  private void product(String sku, int initialStock) {
    post("/api/v1/products", admin, "{\"sku\":\"" + sku + "\",\"name\":\"Bench product " + sku
      + "\",\"priceMinor\":990,\"currency\":\"EUR\",\"initialStock\":" + initialStock + "}");
  }

  private String post(String path, String bearer, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
      .header("Content-Type", "application/json")
      .POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("bench setup failed on " + path, e);
    }
  }

  private static String token(String body) {
    Matcher matcher = TOKEN.matcher(body);
    if (!matcher.find()) {
      throw new IllegalStateException("no token in " + body);
    }
    return matcher.group(1);
  }
}
