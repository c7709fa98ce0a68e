package dev.cartwheel.users;

import dev.cartwheel.runtime.auth.JwtSettings;
import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.PgSettings;
import dev.cartwheel.runtime.domain.DomainVerticle;
import dev.cartwheel.runtime.outbox.OutboxRelay;
import java.util.Optional;

/** The users domain's settings, read once at deploy time. */
public record UsersConfig(
    PgSettings pg,
    OutboxRelay.Settings outbox,
    JwtSettings jwt,
    Hashing hashing,
    Optional<AdminSeed> admin)
    implements DomainVerticle.Settings {

  /** Argon2id cost (OWASP: 19 MiB, 2 passes, 1 lane), how many threads may hash at once (0: one per core), how many may wait. */
  public record Hashing(
      int memoryKib, int iterations, int parallelism, int threads, int queueLimit) {

    int threadCount() {
      return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
  }

  /** An administrator that the domain creates at start when it does not exist yet. */
  public record AdminSeed(String email, String password) {

    @Override
    public String toString() {
      return "AdminSeed[email=" + email + ", password=***]";
    }
  }

  public static UsersConfig from(ConfigReader config) {
    JwtSettings jwt = JwtSettings.from(config);
    if (jwt.privateKey().isEmpty()) {
      throw new ConfigException(
          "jwt.privateKey",
          "is required where the users verticle runs (it signs tokens)"
              + " in profile '"
              + config.profile()
              + "'");
    }
    Hashing hashing =
        new Hashing(
            config.integer("users.hashMemoryKib", 1024, 1024 * 1024),
            config.integer("users.hashIterations", 1, 20),
            config.integer("users.hashParallelism", 1, 16),
            config.integer("users.hashThreads", 0, 64),
            config.integer("users.hashQueueLimit", 1, 10_000));
    Optional<String> adminEmail = config.optionalString("users.adminEmail");
    Optional<String> adminPassword = config.optionalString("users.adminPassword");
    if (adminEmail.isPresent() != adminPassword.isPresent()) {
      String missing = adminEmail.isPresent() ? "users.adminPassword" : "users.adminEmail";
      throw new ConfigException(
          missing,
          "is required when "
              + (adminEmail.isPresent() ? "users.adminEmail" : "users.adminPassword")
              + " is set");
    }
    return new UsersConfig(
        PgSettings.from(config),
        OutboxRelay.Settings.from(config),
        jwt,
        hashing,
        adminEmail.map(email -> new AdminSeed(email, adminPassword.get())));
  }
}
