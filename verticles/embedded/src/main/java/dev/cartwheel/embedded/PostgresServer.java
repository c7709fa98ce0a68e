package dev.cartwheel.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from the zonky binaries on Maven Central, listening on 127.0.0.1 only.
 * Its data stays in {@code <dir>/pgdata} between runs; its log is {@code <dir>/postgres.log}. For
 * development and tests: zonky runs PostgreSQL with fsync off, so a machine crash can lose recent commits.
 */
public final class PostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
  public static final String DATABASE = "cartwheel";
  public static final String USER = "postgres";

  private final ServiceDirectory dir;
  private final EmbeddedPostgres postgres;

  private PostgresServer(ServiceDirectory dir, EmbeddedPostgres postgres) {
    this.dir = dir;
    this.postgres = postgres;
  }

  /**
   * Starts the server, stopping first one that a killed run left behind in {@code path}.
   *
   * @param path          where the data and log live (created if missing)
   * @param preferredPort taken when free, else any free port
   * @param throwaway     wipe the data at start and at close (tests)
   */
  public static PostgresServer start(Path path, int preferredPort, boolean throwaway) {
    ServiceDirectory dir = ServiceDirectory.claim(path, "PostgreSQL");
    try {
      Path dataDir = path.resolve("pgdata");
      dir.stopOrphan(dataDir.resolve("postmaster.pid"), "PostgreSQL server");
      if (throwaway) {
        // zonky cleans at close only; a run that was killed leaves data that initdb refuses
        ServiceDirectory.deleteRecursively(dataDir);
      }
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(throwaway)
              .setPort(Ports.preferredOrFree(preferredPort))
              .setServerConfig("listen_addresses", "127.0.0.1")
              // statement counts and times for whoever asks (CREATE EXTENSION pg_stat_statements):
              // the bench's SQL economy, a developer's psql
              .setServerConfig("shared_preload_libraries", "pg_stat_statements")
              .setOutputRedirector(
                  ProcessBuilder.Redirect.appendTo(path.resolve("postgres.log").toFile()))
              .setPGStartupWait(Duration.ofSeconds(60))
              // the launcher stops PostgreSQL last, after the verticles have drained; not in a hook
              // of its own
              .setRegisterShutdownHook(false)
              .start();
      createDatabaseIfMissing(postgres);
      return new PostgresServer(dir, postgres);
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw new IllegalStateException(
          "embedded PostgreSQL did not start in " + path + " (see postgres.log there)", e);
    }
  }

  private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws IOException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet exists =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (exists.next()) {
          return;
        }
      }
      statement.execute("CREATE DATABASE " + DATABASE);
      LOG.info("Created database {}", DATABASE);
    } catch (SQLException e) {
      throw new IOException("cannot create database " + DATABASE, e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** A libpq URI, as {@code pg.url} and {@code psql} take it. */
  public String url() {
    return "postgresql://" + USER + "@127.0.0.1:" + port() + "/" + DATABASE;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
    } finally {
      dir.close();
    }
  }
}
