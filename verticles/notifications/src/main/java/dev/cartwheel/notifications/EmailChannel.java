package dev.cartwheel.notifications;

import dev.cartwheel.codecs.notifications.Notification;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.sqlclient.Pool;

/** Sends each notification as a plain-text e-mail to the address the user registered with. */
final class EmailChannel implements NotificationChannel {

  private final MailClient mail;
  private final Pool pool;
  private final NotificationsRepository repository;
  private final String from;

  EmailChannel(
      Vertx vertx,
      NotificationsConfig.Email settings,
      Pool pool,
      NotificationsRepository repository) {
    MailConfig config =
        new MailConfig()
            .setHostname(settings.host())
            .setPort(settings.port())
            .setStarttls(settings.startTls());
    settings.username().ifPresent(config::setUsername);
    settings.password().ifPresent(config::setPassword);
    this.mail = MailClient.create(vertx, config);
    this.pool = pool;
    this.repository = repository;
    this.from = settings.from();
  }

  @Override
  public String name() {
    return "email";
  }

  @Override
  public Future<Void> deliver(Notification notification) {
    return repository
        .recipient(pool, notification.userId())
        .compose(
            found ->
                found
                    .map(
                        recipient ->
                            mail.sendMail(
                                    new MailMessage()
                                        .setFrom(from)
                                        .setTo(recipient.email())
                                        .setSubject(notification.title())
                                        .setText(
                                            "Hello "
                                                + recipient.fullName()
                                                + ",\n\n"
                                                + notification.body()
                                                + "\n\n— Cartwheel\n"))
                                .<Void>mapEmpty())
                    .orElse(
                        Future.failedFuture(
                            "no e-mail address is known for user " + notification.userId())));
  }

  @Override
  public Future<Void> close() {
    return mail.close();
  }
}
