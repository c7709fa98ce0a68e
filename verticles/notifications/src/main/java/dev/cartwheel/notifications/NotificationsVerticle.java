package dev.cartwheel.notifications;

import dev.cartwheel.codecs.notifications.NotificationsContract;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.codecs.users.UsersContract;
import dev.cartwheel.runtime.bus.Endpoints;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.Migrations;
import dev.cartwheel.runtime.db.Pools;
import dev.cartwheel.runtime.outbox.Outbox;
import dev.cartwheel.runtime.outbox.OutboxRelay;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the notifications domain: migrate its schema, listen to the events it turns into
 * notifications, answer its addresses, relay its outbox (live sessions hear it on the event bus).
 */
public final class NotificationsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationsVerticle.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private Pool pool;
  private OutboxRelay relay;
  private Endpoints endpoints;
  private final List<NotificationChannel> channels = new ArrayList<>();

  @Override
  public Future<?> start() {
    NotificationsConfig settings = NotificationsConfig.from(new ConfigReader(config()));
    return Migrations.migrateWithOutbox(vertx, settings.pg(), NotificationsContract.DOMAIN)
        .compose(
            migrated -> {
              pool = Pools.shared(vertx, settings.pg(), NotificationsContract.DOMAIN);
              Outbox outbox =
                  new Outbox(NotificationsContract.DOMAIN, NotificationsContract.EVENTS);
              NotificationsRepository repository = new NotificationsRepository(outbox);
              settings
                  .email()
                  .ifPresent(
                      email -> channels.add(new EmailChannel(vertx, email, pool, repository)));
              relay =
                  new OutboxRelay(
                      vertx,
                      pool,
                      settings.pg(),
                      NotificationsContract.DOMAIN,
                      outbox,
                      settings.outbox());
              NotificationsService service =
                  new NotificationsService(
                      pool,
                      repository,
                      relay::nudge,
                      channels,
                      new Retries(vertx, settings.retries()));
              relay.start();
              endpoints =
                  new Endpoints(vertx, LOG)
                      .reply(NotificationsContract.LIST, service::list)
                      .reply(NotificationsContract.AFTER, service::after)
                      .reply(NotificationsContract.MARK_READ, service::markRead)
                      .subscribe(UsersContract.USER_REGISTERED, service::onUserRegistered)
                      .subscribe(OrdersContract.ORDER_PLACED, service::onOrderPlaced)
                      .subscribe(OrdersContract.ORDER_CONFIRMED, service::onOrderConfirmed)
                      .subscribe(OrdersContract.ORDER_CANCELLED, service::onOrderCancelled)
                      .subscribe(PaymentsContract.PAYMENT_REFUNDED, service::onPaymentRefunded);
              return endpoints.ready(NotificationsContract.DOMAIN);
            });
  }

  @Override
  public Future<?> stop() {
    Future<Void> drained =
        endpoints == null ? Future.succeededFuture() : endpoints.drain(DRAIN_TIMEOUT);
    return drained
        .transform(done -> relay == null ? Future.succeededFuture() : relay.stop())
        .transform(done -> Future.join(channels.stream().map(NotificationChannel::close).toList()))
        .transform(done -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
