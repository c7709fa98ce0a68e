package dev.cartwheel.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.embedded.PostgresServer;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A database made by an older jar starts under this one. The fixture is a dump of what the jar of b0f1d75
 * made (see its header): every domain's outbox came from the domain's own migrations, under one
 * {@code flyway_schema_history} per schema. Now the runtime owns the outbox; the node must adopt those
 * schemas in place, keep their outbox rows, relay them, and go on taking orders.
 */
@Timeout(180)
class LegacyDataIT {

  private static final String FIXTURE = "/legacy/cartwheel-b0f1d75.sql";
  private static final String DATABASE = "legacy_b0f1d75";
  private static final List<String> DOMAINS =
      List.of("users", "orders", "inventory", "payments", "notifications");
  private static final String OUTBOX_ROW =
      "seq || ' ' || id || ' ' || address || ' ' || payload::text || ' ' || occurred_at || ' ' || coalesce(traceparent, '-')";

  @Test
  @DisplayName(
      "a database from before the runtime owned the outbox starts: schemas adopted, outbox rows kept and relayed to Kafka, old orders readable, new ones placed")
  void aDatabaseMadeByTheJarBeforeStarts() throws Exception {
    String url = restoreFixture();
    Map<String, List<String>> keptRows = outboxRows(url);
    assertThat(keptRows.get("orders")).as("the fixture's order events").hasSize(4);
    assertThat(queryColumn(url, "SELECT count(*) FROM orders.outbox WHERE kafka_sent_at IS NULL"))
        .as("waiting for Kafka in the fixture")
        .containsExactly("4");

    try (RunningPlatform node = RunningPlatform.start(Map.of("pg.url", url))) {
      for (String domain : DOMAINS) {
        assertThat(
                queryColumn(
                    url,
                    "SELECT version || ' ' || type FROM "
                        + domain
                        + ".domain_migrations WHERE version IS NOT NULL ORDER BY installed_rank"))
            .as("%s's own migrations, adopted at V1", domain)
            .first()
            .isEqualTo("1 BASELINE");
        assertThat(
                queryColumn(
                    url,
                    "SELECT version FROM "
                        + domain
                        + ".outbox_migrations WHERE type = 'SQL' AND success ORDER BY installed_rank"))
            .as("%s's outbox migrations", domain)
            .startsWith("1");
        assertThat(queryColumn(url, "SELECT count(*) FROM " + domain + ".flyway_schema_history"))
            .as("%s's old history, kept", domain)
            .doesNotContain("0");
      }
      Map<String, List<String>> rowsNow = outboxRows(url);
      keptRows.forEach(
          (domain, rows) ->
              assertThat(rowsNow.get(domain))
                  .as("%s's outbox rows", domain)
                  .startsWith(rows.toArray(String[]::new)));
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                for (String domain : DOMAINS) {
                  assertThat(
                          queryColumn(
                              url,
                              "SELECT count(*) FROM "
                                  + domain
                                  + ".outbox WHERE kafka_sent_at IS NULL"))
                      .as("%s's events not on Kafka yet", domain)
                      .containsExactly("0");
                }
              });

      Shoppers.Shopper lee = Shoppers.login(node, "legacy@example.com", "made-by-b0f1d75");
      JsonArray orders =
          node.http
              .get("/api/v1/orders")
              .bearerTokenAuthentication(lee.token())
              .send()
              .await()
              .bodyAsJsonObject()
              .getJsonArray("items");
      assertThat(orders.stream().map(order -> ((JsonObject) order).getString("status")))
          .containsExactlyInAnyOrder("CONFIRMED", "CANCELLED");

      String placed = Shoppers.placeOrder(node, lee.token(), "CW-MUG-01", 1);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          queryColumn(
                              url, "SELECT status FROM orders.orders WHERE id = '" + placed + "'"))
                      .containsExactly("CONFIRMED"));
      long lastKept =
          Long.parseLong(
              keptRows.get("orders").get(keptRows.get("orders").size() - 1).split(" ")[0]);
      assertThat(
              queryColumn(
                  url,
                  "SELECT count(*) FROM orders.outbox WHERE aggregate_id = '"
                      + placed
                      + "' AND seq > "
                      + lastKept))
          .as("the new order's events, after the kept ones")
          .containsExactly("2");
    }
  }

  /** A new database holding the fixture; answers its URL. */
  private static String restoreFixture() throws IOException, SQLException {
    TestServices.sql("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    TestServices.sql("CREATE DATABASE " + DATABASE);
    String url = TestServices.postgresUrl().replaceFirst("/[^/]+$", "/" + DATABASE);
    String dump;
    try (InputStream in = LegacyDataIT.class.getResourceAsStream(FIXTURE)) {
      dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection connection = connect(url);
        Statement sql = connection.createStatement()) {
      sql.execute(dump);
    }
    return url;
  }

  private static Map<String, List<String>> outboxRows(String url) throws SQLException {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String domain : DOMAINS) {
      rows.put(
          domain,
          queryColumn(url, "SELECT " + OUTBOX_ROW + " FROM " + domain + ".outbox ORDER BY seq"));
    }
    return rows;
  }

  private static List<String> queryColumn(String url, String query) throws SQLException {
    try (Connection connection = connect(url);
        Statement sql = connection.createStatement();
        ResultSet rows = sql.executeQuery(query)) {
      List<String> column = new ArrayList<>();
      while (rows.next()) {
        column.add(rows.getString(1));
      }
      return column;
    }
  }

  /** {@code postgresql://postgres@host:port/db} (the test server's form) over JDBC. */
  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:" + url.replace(PostgresServer.USER + "@", ""), PostgresServer.USER, "");
  }
}
