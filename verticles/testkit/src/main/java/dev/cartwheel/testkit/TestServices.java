package dev.cartwheel.testkit;

import dev.cartwheel.embedded.KafkaBroker;
import dev.cartwheel.embedded.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One real PostgreSQL and one real Kafka broker per test JVM, started on first use on free loopback
 * ports, wiped and stopped when the JVM exits. Tests reset what they touch (see {@link #sql}).
 */
public final class TestServices {

  private static PostgresServer postgres;
  private static KafkaBroker kafka;

  private TestServices() {}

  public static synchronized String postgresUrl() {
    if (postgres == null) {
      postgres = PostgresServer.start(Path.of("target", "test-postgres"), 0, true);
      Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "test-postgres-stop"));
    }
    return postgres.url();
  }

  public static synchronized String kafkaBootstrap() {
    if (kafka == null) {
      kafka = KafkaBroker.start(Path.of("target", "test-kafka"), 0, true);
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "test-kafka-stop"));
    }
    return kafka.bootstrap();
  }

  private static Connection connect() throws SQLException {
    postgresUrl();
    return DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER, "");
  }

  /** Runs SQL against the shared test database (setup, reset, inspection), returning the update count. */
  public static int sql(String statement) {
    try (Connection connection = connect();
        Statement sql = connection.createStatement()) {
      return sql.executeUpdate(statement);
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + statement, e);
    }
  }

  /** Runs a query against the shared test database and returns the first column of the first row. */
  public static String queryOne(String query) {
    List<String> column = queryColumn(query);
    return column.isEmpty() ? null : column.get(0);
  }

  /** Runs a query against the shared test database and returns its first column, row by row. */
  public static List<String> queryColumn(String query) {
    try (Connection connection = connect();
        Statement sql = connection.createStatement();
        var rows = sql.executeQuery(query)) {
      List<String> column = new ArrayList<>();
      while (rows.next()) {
        column.add(rows.getString(1));
      }
      return column;
    } catch (SQLException e) {
      throw new IllegalStateException("test query failed: " + query, e);
    }
  }
}
