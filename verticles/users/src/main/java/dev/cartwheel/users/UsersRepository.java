package dev.cartwheel.users;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.users.UserProfile;
import dev.cartwheel.codecs.users.UsersError;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of the users domain, over its own schema. Every method takes the client to run on: the pool, or
 * the connection of a transaction the service holds (to write the outbox event with the account).
 */
final class UsersRepository {

  /** A user as stored: the profile and the password hash, which never leaves this domain. */
  record StoredUser(UserProfile profile, String passwordHash) {

    @Override
    public String toString() {
      return "StoredUser[" + profile + "]";
    }
  }

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COLUMNS = "id, email, full_name, password_hash, roles, created_at";
  private static final String INSERT =
      "INSERT INTO users.users (id, email, full_name, password_hash, roles) VALUES ($1, $2, $3, $4, $5)";
  private static final String BY_EMAIL = "SELECT " + COLUMNS + " FROM users.users WHERE email = $1";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM users.users WHERE id = $1";

  /** Only over the hash it replaces: a password changed meanwhile is not overwritten. */
  private static final String REPLACE_HASH =
      "UPDATE users.users SET password_hash = $3 WHERE id = $1 AND password_hash = $2";

  /** Creates the user; fails with EMAIL_TAKEN when the (normalized) e-mail address is in use. */
  Future<UserProfile> insert(
      SqlClient sql, String email, String fullName, String passwordHash, List<String> roles) {
    UUID id = UUID.randomUUID();
    return sql.preparedQuery(INSERT)
        .execute(Tuple.of(id, email, fullName, passwordHash, roles.toArray(String[]::new)))
        .compose(inserted -> findById(sql, id))
        .map(found -> found.orElseThrow().profile())
        .recover(
            error ->
                Future.failedFuture(
                    isEmailTaken(error)
                        ? DomainFailure.of(
                            UsersError.EMAIL_TAKEN,
                            "An account with this e-mail address already exists.")
                        : error));
  }

  Future<Optional<StoredUser>> findByEmail(SqlClient sql, String email) {
    return sql.preparedQuery(BY_EMAIL).execute(Tuple.of(email)).map(UsersRepository::first);
  }

  Future<Optional<StoredUser>> findById(SqlClient sql, UUID id) {
    return sql.preparedQuery(BY_ID).execute(Tuple.of(id)).map(UsersRepository::first);
  }

  /** True when the hash was still {@code oldHash} and is now {@code newHash}. */
  Future<Boolean> replaceHash(SqlClient sql, UUID id, String oldHash, String newHash) {
    return sql.preparedQuery(REPLACE_HASH)
        .execute(Tuple.of(id, oldHash, newHash))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Optional<StoredUser> first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    if (!iterator.hasNext()) {
      return Optional.empty();
    }
    Row row = iterator.next();
    return Optional.of(
        new StoredUser(
            new UserProfile(
                row.getUUID("id"),
                row.getString("email"),
                row.getString("full_name"),
                List.of(row.getArrayOfStrings("roles")),
                row.getOffsetDateTime("created_at").toInstant()),
            row.getString("password_hash")));
  }

  static boolean isEmailTaken(Throwable error) {
    return error instanceof PgException pg
        && UNIQUE_VIOLATION.equals(pg.getSqlState())
        && "users_email_key".equals(pg.getConstraint());
  }
}
