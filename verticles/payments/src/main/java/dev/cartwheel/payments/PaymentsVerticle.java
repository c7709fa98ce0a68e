package dev.cartwheel.payments;

import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.runtime.domain.DomainVerticle;
import dev.cartwheel.runtime.node.Node;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the payments domain (its lifecycle is {@link DomainVerticle}'s): put the provider behind a circuit
 * breaker (its state is shown in /info), then answer its addresses.
 */
public final class PaymentsVerticle extends DomainVerticle<PaymentsConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentsVerticle.class);

  /** Numbers the instances of this JVM, to name their breakers apart in /info. */
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private CircuitBreaker breaker;

  public PaymentsVerticle() {
    super(PaymentsContract.DOMAIN, PaymentsContract.EVENTS, LOG, PaymentsConfig::from);
  }

  @Override
  protected Future<Void> wire(PaymentsConfig settings, Parts parts) {
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
    Node.of(vertx).show("payments.provider", settings.provider());
    if ("prod".equals(Node.of(vertx).profile()) && "simulated".equals(settings.provider())) {
      LOG.warn("payments.provider is simulated in the prod profile: no card is charged");
    }
    PaymentsService service =
        new PaymentsService(
            parts.pool(),
            new PaymentsRepository(parts.outbox()),
            provider(settings, parts),
            breaker,
            parts.eventsWritten());
    parts
        .endpoints()
        .reply(PaymentsContract.AUTHORIZE, service::authorize)
        .reply(PaymentsContract.REFUND, service::refund)
        .reply(PaymentsContract.GET, service::get);
    return Future.succeededFuture();
  }

  private PaymentProvider provider(PaymentsConfig settings, Parts parts) {
    return switch (settings.provider()) {
      case "simulated" -> new SimulatedProvider(vertx, parts.pool(), settings.simulator());
      default -> throw new IllegalStateException("no provider " + settings.provider());
    };
  }

  @Override
  protected Future<?> afterDrain() {
    if (breaker != null) {
      Node.of(vertx).forgetCircuitBreaker(breaker.name());
      breaker.close();
    }
    return Future.succeededFuture();
  }
}
