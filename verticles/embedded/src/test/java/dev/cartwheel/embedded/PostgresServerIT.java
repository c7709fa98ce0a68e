package dev.cartwheel.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class PostgresServerIT {

  private static final Path DIR = Path.of("target", "it-postgres");

  @Test
  void startsARealPostgresOnLoopbackThatKeepsItsDataAcrossRestarts() throws Exception {
    ServiceDirectory.deleteRecursively(DIR);
    int port;
    try (PostgresServer server = PostgresServer.start(DIR, 0, false)) {
      port = server.port();
      assertThat(server.url()).isEqualTo("postgresql://postgres@127.0.0.1:" + port + "/cartwheel");
      try (Connection connection = connect(port);
          Statement sql = connection.createStatement()) {
        assertThat(version(sql)).startsWith("PostgreSQL 17");
        sql.execute("CREATE TABLE kept (v text)");
        sql.execute("INSERT INTO kept VALUES ('still here')");
      }
    }
    assertThat(Ports.accepts(port)).as("stopped server releases its port").isFalse();

    try (PostgresServer again = PostgresServer.start(DIR, port, false);
        Connection connection = connect(again.port());
        Statement sql = connection.createStatement();
        ResultSet rows = sql.executeQuery("SELECT v FROM kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("still here");
    }
  }

  @Test
  void countsTheStatementsItRunsForWhoeverAsks() throws Exception {
    try (PostgresServer server =
            PostgresServer.start(Path.of("target", "it-postgres-statements"), 0, true);
        Connection connection = connect(server.port());
        Statement sql = connection.createStatement()) {
      sql.execute("CREATE EXTENSION pg_stat_statements");
      sql.execute("SELECT 41 + 1");
      try (ResultSet rows =
          sql.executeQuery(
              "SELECT calls FROM pg_stat_statements WHERE query LIKE 'SELECT $1 + $2'")) {
        assertThat(rows.next()).as("the statement is counted").isTrue();
        assertThat(rows.getLong(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void aThrowawayServerLeavesNoDataBehind() {
    Path dir = Path.of("target", "it-postgres-throwaway");
    try (PostgresServer server = PostgresServer.start(dir, 0, true)) {
      assertThat(dir.resolve("pgdata")).isDirectory();
    }
    assertThat(dir.resolve("pgdata")).doesNotExist();
  }

  @Test
  void aThrowawayServerStartsOverWhatAKilledRunLeft() throws Exception {
    Path dir = Path.of("target", "it-postgres-killed");
    Files.createDirectories(dir.resolve("pgdata"));
    Files.writeString(dir.resolve("pgdata").resolve("PG_VERSION"), "17\n");
    try (PostgresServer server = PostgresServer.start(dir, 0, true);
        Connection connection = connect(server.port());
        Statement sql = connection.createStatement()) {
      assertThat(version(sql)).startsWith("PostgreSQL");
    }
  }

  @Test
  void takesAnotherPortWhenThePreferredOneIsBusy() throws Exception {
    try (var busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        PostgresServer server =
            PostgresServer.start(
                Path.of("target", "it-postgres-busy"), busy.getLocalPort(), true)) {
      assertThat(server.port()).isNotEqualTo(busy.getLocalPort());
      try (Connection connection = connect(server.port());
          Statement sql = connection.createStatement()) {
        assertThat(version(sql)).startsWith("PostgreSQL");
      }
    }
  }

  @Test
  void onlyLoopbackIsServed() {
    try (PostgresServer server =
        PostgresServer.start(Path.of("target", "it-postgres-loopback"), 0, true)) {
      assertThatThrownBy(
              () ->
                  DriverManager.getConnection(
                      "jdbc:postgresql://"
                          + nonLoopbackAddress()
                          + ":"
                          + server.port()
                          + "/cartwheel",
                      "postgres",
                      ""))
          .isInstanceOf(SQLException.class);
    }
  }

  private static String nonLoopbackAddress() throws Exception {
    return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
        .filter(address -> !address.isLoopbackAddress() && address instanceof java.net.Inet4Address)
        .map(java.net.InetAddress::getHostAddress)
        .findFirst()
        .orElse("192.0.2.1");
  }

  private static Connection connect(int port) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/cartwheel", "postgres", "");
  }

  private static String version(Statement sql) throws SQLException {
    try (ResultSet rows = sql.executeQuery("SELECT version()")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
