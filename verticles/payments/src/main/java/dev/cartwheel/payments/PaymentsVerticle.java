package dev.cartwheel.payments;

import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.runtime.bus.Endpoints;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.Migrations;
import dev.cartwheel.runtime.db.Pools;
import dev.cartwheel.runtime.node.Node;
import dev.cartwheel.runtime.outbox.Outbox;
import dev.cartwheel.runtime.outbox.OutboxRelay;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the payments domain: migrate its schema, put the provider behind a circuit breaker (its
 * state is shown in /info), answer its addresses, relay its outbox.
 */
public final class PaymentsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentsVerticle.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  /** Numbers the instances of this JVM, to name their breakers apart in /info. */
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private Pool pool;
  private CircuitBreaker breaker;
  private OutboxRelay relay;
  private Endpoints endpoints;

  @Override
  public Future<?> start() {
    PaymentsConfig settings = PaymentsConfig.from(new ConfigReader(config()));
    return Migrations.migrateWithOutbox(vertx, settings.pg(), PaymentsContract.DOMAIN)
        .compose(
            migrated -> {
              pool = Pools.shared(vertx, settings.pg(), PaymentsContract.DOMAIN);
              breaker =
                  CircuitBreaker.create(
                      "payments.provider#" + INSTANCES.incrementAndGet(),
                      vertx,
                      new CircuitBreakerOptions()
                          .setTimeout(settings.providerTimeout().toMillis())
                          .setMaxFailures(settings.breakerMaxFailures())
                          .setResetTimeout(settings.breakerReset().toMillis())
                          .setNotificationAddress(null));
              breaker
                  .openHandler(
                      opened ->
                          LOG.warn(
                              "Payment provider circuit opened: calls fail fast for {} ms",
                              settings.breakerReset().toMillis()))
                  .closeHandler(closed -> LOG.info("Payment provider circuit closed"));
              Node.of(vertx).watchCircuitBreaker(breaker.name(), () -> breaker.state().name());
              Outbox outbox = new Outbox(PaymentsContract.DOMAIN, PaymentsContract.EVENTS);
              relay =
                  new OutboxRelay(
                      vertx,
                      pool,
                      settings.pg(),
                      PaymentsContract.DOMAIN,
                      outbox,
                      settings.outbox());
              PaymentsService service =
                  new PaymentsService(
                      pool,
                      new PaymentsRepository(outbox),
                      new SimulatedProvider(vertx, pool, settings.simulator()),
                      breaker,
                      relay::nudge);
              relay.start();
              endpoints =
                  new Endpoints(vertx, LOG)
                      .reply(PaymentsContract.AUTHORIZE, service::authorize)
                      .reply(PaymentsContract.REFUND, service::refund)
                      .reply(PaymentsContract.GET, service::get);
              return endpoints.ready(PaymentsContract.DOMAIN);
            });
  }

  @Override
  public Future<?> stop() {
    Future<Void> drained =
        endpoints == null ? Future.succeededFuture() : endpoints.drain(DRAIN_TIMEOUT);
    return drained
        .transform(done -> relay == null ? Future.succeededFuture() : relay.stop())
        .transform(
            done -> {
              if (breaker != null) {
                Node.of(vertx).forgetCircuitBreaker(breaker.name());
                breaker.close();
              }
              return pool == null ? Future.succeededFuture() : pool.close();
            });
  }
}
