package dev.cartwheel.runtime.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a domain's versioned SQL migrations into its own schema, on a worker thread, in two sets with a
 * history table each:
 * <ul>
 *   <li>the domain's own tables: {@code classpath:db/<schema>/V*__*.sql}, history {@code domain_migrations};</li>
 *   <li>the outbox, which the runtime owns for every domain: {@code classpath:db/outbox/V*__*.sql}, history
 *       {@code outbox_migrations}. Its first migration also adopts the outbox an older jar made in the domain's
 *       own migrations, rows included.</li>
 * </ul>
 * A schema made by a jar from before the split has one history, {@code flyway_schema_history}, whose
 * versions after V1 were all about the outbox. Its domain set is baselined at version 1 (which it ran) and
 * that table stays as the record of what ran then. Flyway takes a PostgreSQL advisory lock, so several
 * instances or nodes starting at once migrate exactly once. Migrations only move forward. Each schema logs
 * one line (Flyway's own chatter is left at WARN).
 */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private static final String DOMAIN_HISTORY = "domain_migrations";
  private static final String OUTBOX_HISTORY = "outbox_migrations";
  private static final String LEGACY_HISTORY = "flyway_schema_history";

  private Migrations() {}

  /** The domain's own migrations, for a schema without an outbox. */
  public static Future<Void> migrate(Vertx vertx, PgSettings pg, String schema) {
    return vertx.executeBlocking(
        () -> {
          long start = System.nanoTime();
          MigrateResult domain = migrateDomain(pg, schema);
          LOG.info("Schema {}: {} in {} ms", schema, outcome(domain), elapsedMs(start));
          return null;
        },
        false);
  }

  /** The domain's own migrations, then the runtime's outbox in the same schema. */
  public static Future<Void> migrateWithOutbox(Vertx vertx, PgSettings pg, String schema) {
    return vertx.executeBlocking(
        () -> {
          long start = System.nanoTime();
          MigrateResult domain = migrateDomain(pg, schema);
          MigrateResult outbox = migrateOutbox(pg, schema);
          LOG.info(
              "Schema {}: {}, outbox {} in {} ms",
              schema,
              outcome(domain),
              outcome(outbox),
              elapsedMs(start));
          return null;
        },
        false);
  }

  /** "at v3" when nothing ran, "v1 → v3" when migrations ran. */
  private static String outcome(MigrateResult result) {
    String now =
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : result.initialSchemaVersion;
    if (result.migrationsExecuted == 0) {
      return "at v" + now;
    }
    return (result.initialSchemaVersion == null ? "empty" : "v" + result.initialSchemaVersion)
        + " → v"
        + now;
  }

  private static long elapsedMs(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static MigrateResult migrateDomain(PgSettings pg, String schema) throws SQLException {
    boolean adopt = startedUnderOneHistory(pg, schema);
    return configure(pg, schema, DOMAIN_HISTORY, "classpath:db/" + schema)
        .baselineOnMigrate(adopt)
        .baselineVersion("1")
        .baselineDescription("adopted from " + LEGACY_HISTORY)
        .load()
        .migrate();
  }

  /** Baselined at 0 when the schema is not empty (it never is, after the domain's set): V1 and on always run. */
  private static MigrateResult migrateOutbox(PgSettings pg, String schema) {
    return configure(pg, schema, OUTBOX_HISTORY, "classpath:db/outbox")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  private static FluentConfiguration configure(
      PgSettings pg, String schema, String history, String location) {
    return Flyway.configure()
        .dataSource(pg.jdbcUrl(), pg.user(), pg.password())
        .schemas(schema)
        .createSchemas(true)
        .table(history)
        .locations(location)
        // IF NOT EXISTS steps (the outbox's adoption of an older table) would each send a NOTICE
        // that Flyway logs as a warning
        .initSql("SET client_min_messages = warning");
  }

  /**
   * True when the schema was made by a jar from before the split: {@code flyway_schema_history} ran V1 and
   * {@code domain_migrations} does not exist yet. A legacy history whose V1 did not succeed is refused.
   */
  private static boolean startedUnderOneHistory(PgSettings pg, String schema) throws SQLException {
    try (Connection connection =
        Flyway.configure()
            .dataSource(pg.jdbcUrl(), pg.user(), pg.password())
            .getDataSource()
            .getConnection()) {
      if (tableExists(connection, schema, DOMAIN_HISTORY)
          || !tableExists(connection, schema, LEGACY_HISTORY)) {
        return false;
      }
      String v1 = "SELECT success FROM " + schema + "." + LEGACY_HISTORY + " WHERE version = '1'";
      try (PreparedStatement query = connection.prepareStatement(v1);
          ResultSet rows = query.executeQuery()) {
        if (!rows.next() || !rows.getBoolean("success")) {
          throw new IllegalStateException(
              "Schema "
                  + schema
                  + " has a "
                  + LEGACY_HISTORY
                  + " whose V1 did not succeed;"
                  + " repair it (or drop the schema) before starting this version.");
        }
        return true;
      }
    }
  }

  private static boolean tableExists(Connection connection, String schema, String table)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      query.setString(1, schema + "." + table);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getBoolean(1);
      }
    }
  }
}
