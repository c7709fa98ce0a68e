package dev.cartwheel.runtime.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;

/**
 * Runs a domain's versioned SQL migrations ({@code classpath:db/<schema>/V*__*.sql}) into its own schema,
 * on a worker thread. Flyway takes a PostgreSQL advisory lock, so several instances or nodes starting
 * at once migrate exactly once. Migrations only move forward: nothing is ever dropped and recreated.
 */
public final class Migrations {

  private Migrations() {
  }

  public static Future<Void> migrate(Vertx vertx, PgSettings pg, String schema) {
    return vertx.executeBlocking(() -> {
      Flyway.configure()
        .dataSource(pg.jdbcUrl(), pg.user(), pg.password())
        .schemas(schema)
        .createSchemas(true)
        .locations("classpath:db/" + schema)
        .load()
        .migrate();
      return null;
    }, false);
  }
}
