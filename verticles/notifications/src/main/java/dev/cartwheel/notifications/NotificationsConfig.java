package dev.cartwheel.notifications;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.PgSettings;
import dev.cartwheel.runtime.domain.DomainVerticle;
import dev.cartwheel.runtime.outbox.OutboxRelay;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.Optional;

/** The notifications domain's settings, read once at deploy time. */
public record NotificationsConfig(
    PgSettings pg, OutboxRelay.Settings outbox, Retries.Settings retries, Optional<Email> email)
    implements DomainVerticle.Settings {

  /** Where the e-mail channel sends, when notifications.email.enabled is true. */
  public record Email(
      String host,
      int port,
      String from,
      StartTLSOptions startTls,
      Optional<String> username,
      Optional<String> password) {

    @Override
    public String toString() {
      return "Email[host="
          + host
          + ", port="
          + port
          + ", from="
          + from
          + ", startTls="
          + startTls
          + ", username="
          + username
          + "]";
    }
  }

  public static NotificationsConfig from(ConfigReader config) {
    Retries.Settings retries =
        new Retries.Settings(
            config.integer("notifications.retryAttempts", 1, 100),
            config.millis("notifications.retryBaseMs", 1, 60_000),
            config.millis("notifications.retryMaxMs", 1, 600_000));
    return new NotificationsConfig(
        PgSettings.from(config),
        OutboxRelay.Settings.from(config),
        retries,
        config.bool("notifications.email.enabled") ? Optional.of(email(config)) : Optional.empty());
  }

  private static Email email(ConfigReader config) {
    String startTls = config.requiredString("notifications.email.startTls");
    StartTLSOptions mode;
    try {
      mode = StartTLSOptions.valueOf(startTls);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "notifications.email.startTls",
          "must be DISABLED, OPTIONAL or REQUIRED, not " + startTls);
    }
    return new Email(
        config.requiredString("notifications.email.host"),
        config.port("notifications.email.port"),
        config.requiredString("notifications.email.from"),
        mode,
        config.optionalString("notifications.email.username"),
        config.optionalString("notifications.email.password"));
  }
}
