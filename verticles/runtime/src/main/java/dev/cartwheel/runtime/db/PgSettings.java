package dev.cartwheel.runtime.db;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;

/**
 * Where PostgreSQL is: {@code pg.url} is a libpq URI ({@code postgresql://user:pass@host:5432/db?sslmode=...});
 * {@code pg.user} and {@code pg.password}, when set, win over the URI's, so the password can come from a
 * secret instead of the URL. The password never appears in {@link #displayUrl()} or in errors.
 */
public record PgSettings(PgConnectOptions connectOptions, String jdbcUrl, int poolSize) {

  public static PgSettings from(ConfigReader config) {
    String url = config.requiredString("pg.url");
    PgConnectOptions options;
    URI uri;
    try {
      options = PgConnectOptions.fromUri(url);
      uri = URI.create(url);
    } catch (RuntimeException e) {
      // the parsers' messages quote the whole URI, password included: never pass them on
      throw new ConfigException(
          "pg.url", "not a PostgreSQL URI like postgresql://user@host:5432/db");
    }
    config.optionalString("pg.user").ifPresent(options::setUser);
    config.optionalString("pg.password").ifPresent(options::setPassword);
    options.setCachePreparedStatements(true);
    return new PgSettings(
        options, jdbcUrl(options, uri.getRawQuery()), config.integer("pg.poolSize", 1, 200));
  }

  /** The same server for JDBC (Flyway): host, port, database and the URI's parameters (sslmode, ...). */
  private static String jdbcUrl(PgConnectOptions options, String query) {
    String host =
        options.getHost().contains(":") ? "[" + options.getHost() + "]" : options.getHost();
    return "jdbc:postgresql://"
        + host
        + ":"
        + options.getPort()
        + "/"
        + options.getDatabase()
        + (query == null ? "" : "?" + query);
  }

  /** For logs and banners: who, where, which database; no password, no parameters. */
  public String displayUrl() {
    String user = connectOptions.getUser() == null ? "" : connectOptions.getUser() + "@";
    return "postgresql://"
        + user
        + connectOptions.getHost()
        + ":"
        + connectOptions.getPort()
        + "/"
        + connectOptions.getDatabase();
  }

  public String user() {
    return connectOptions.getUser();
  }

  public String password() {
    return connectOptions.getPassword();
  }

  @Override
  public String toString() {
    return "PgSettings[" + displayUrl() + ", poolSize=" + poolSize + "]";
  }
}
