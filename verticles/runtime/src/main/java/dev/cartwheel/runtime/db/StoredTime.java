package dev.cartwheel.runtime.db;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The node's clock as PostgreSQL keeps time (microseconds). A change written in one statement with its
 * event stamps both with the same instant, taken here, so that the row and the event agree to the digit;
 * deadlines (leases, holds, retries) stay on the database's clock.
 */
public final class StoredTime {

  private StoredTime() {}

  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
