package dev.cartwheel.notifications;

import dev.cartwheel.codecs.notifications.NotificationsContract;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.codecs.users.UsersContract;
import dev.cartwheel.runtime.domain.DomainVerticle;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the notifications domain (its lifecycle is {@link DomainVerticle}'s): listen to the events it turns into
 * notifications, deliver them on its channels (e-mail, where configured), answer its addresses; live sessions hear
 * its outbox on the event bus.
 */
public final class NotificationsVerticle extends DomainVerticle<NotificationsConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationsVerticle.class);

  private final List<NotificationChannel> channels = new ArrayList<>();

  public NotificationsVerticle() {
    super(
        NotificationsContract.DOMAIN, NotificationsContract.EVENTS, LOG, NotificationsConfig::from);
  }

  @Override
  protected Future<Void> wire(NotificationsConfig settings, Parts parts) {
    NotificationsRepository repository = new NotificationsRepository(parts.outbox());
    settings
        .email()
        .ifPresent(email -> channels.add(new EmailChannel(vertx, email, parts.pool(), repository)));
    NotificationsService service =
        new NotificationsService(
            parts.pool(),
            repository,
            parts.eventsWritten(),
            channels,
            new Retries(vertx, settings.retries()));
    parts
        .endpoints()
        .reply(NotificationsContract.LIST, service::list)
        .reply(NotificationsContract.AFTER, service::after)
        .reply(NotificationsContract.MARK_READ, service::markRead)
        .reply(NotificationsContract.NOTIFY, service::notifyUser)
        .subscribe(UsersContract.USER_REGISTERED, service::onUserRegistered)
        .subscribe(OrdersContract.ORDER_PLACED, service::onOrderPlaced)
        .subscribe(OrdersContract.ORDER_CONFIRMED, service::onOrderConfirmed)
        .subscribe(OrdersContract.ORDER_CANCELLED, service::onOrderCancelled)
        .subscribe(PaymentsContract.PAYMENT_REFUNDED, service::onPaymentRefunded);
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> afterDrain() {
    return Future.join(channels.stream().map(NotificationChannel::close).toList());
  }
}
