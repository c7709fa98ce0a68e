package dev.cartwheel.runtime.config;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin endpoint's changes of live settings, kept in PostgreSQL (schema {@value #SCHEMA}) as their
 * history: a restarted node, or one that joins later, starts from the newest value of each key.
 */
public final class LiveSettingsStore {

  /** The schema the launcher migrates ({@code db/settings}). */
  public static final String SCHEMA = "settings";

  /** A stored change of one key. */
  public record Change(String key, Object value, String changedBy, Instant changedAt) {}

  private static final String INSERT =
      "INSERT INTO settings.live_settings (key, value, changed_by, source, changed_at)"
          + " SELECT key, value::jsonb, $3, $4, $5 FROM unnest($1::text[], $2::text[]) AS change(key, value)";

  private static final String NEWEST =
      "SELECT DISTINCT ON (key) key, value::text AS value, changed_by, changed_at"
          + " FROM settings.live_settings ORDER BY key, seq DESC";

  private final Pool pool;

  public LiveSettingsStore(Pool pool) {
    this.pool = pool;
  }

  /** Records {@code changes} (key → value) as one change, all of it or nothing. */
  public Future<Void> record(JsonObject changes, String changedBy, String source, Instant at) {
    List<String> keys = new ArrayList<>(changes.fieldNames());
    List<String> values = keys.stream().map(key -> Json.encode(changes.getValue(key))).toList();
    return pool.preparedQuery(INSERT)
        .execute(
            Tuple.of(
                keys.toArray(String[]::new),
                values.toArray(String[]::new),
                changedBy,
                source,
                at.atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  /** The newest stored value of each key. */
  public Future<List<Change>> newest() {
    return pool.query(NEWEST)
        .execute()
        .map(
            rows -> {
              List<Change> changes = new ArrayList<>();
              for (Row row : rows) {
                changes.add(
                    new Change(
                        row.getString("key"),
                        Json.decodeValue(row.getString("value")),
                        row.getString("changed_by"),
                        row.getOffsetDateTime("changed_at").toInstant()));
              }
              return changes;
            });
  }

  public Future<Void> close() {
    return pool.close();
  }
}
