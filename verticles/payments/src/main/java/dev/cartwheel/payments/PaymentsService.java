package dev.cartwheel.payments;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.payments.Authorize;
import dev.cartwheel.codecs.payments.GetPayment;
import dev.cartwheel.codecs.payments.Payment;
import dev.cartwheel.codecs.payments.PaymentAuthorized;
import dev.cartwheel.codecs.payments.PaymentDeclined;
import dev.cartwheel.codecs.payments.PaymentRefunded;
import dev.cartwheel.codecs.payments.PaymentStatus;
import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.codecs.payments.PaymentsError;
import dev.cartwheel.codecs.payments.Refund;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic of the payments domain. A PENDING row is committed before the provider is asked, and every
 * status change is a compare-and-set, so that retries, crashes and a refund racing an authorization all
 * end with the provider and this table agreeing: charged once, or not at all.
 */
final class PaymentsService {

  private static final Logger LOG = LoggerFactory.getLogger(PaymentsService.class);
  private static final Pattern TOKEN = Pattern.compile("tok_[A-Za-z0-9_]{1,60}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final long MAX_AMOUNT_MINOR = 1_000_000_000L;

  /** A refund re-reads the payment when an authorization settles under it; this bounds how often. */
  private static final int REFUND_ATTEMPTS = 3;

  private final Pool pool;
  private final PaymentsRepository repository;
  private final PaymentProvider provider;
  private final CircuitBreaker breaker;
  private final Runnable eventsWritten;

  PaymentsService(
      Pool pool,
      PaymentsRepository repository,
      PaymentProvider provider,
      CircuitBreaker breaker,
      Runnable eventsWritten) {
    this.pool = pool;
    this.repository = repository;
    this.provider = provider;
    this.breaker = breaker;
    this.eventsWritten = eventsWritten;
  }

  Future<Payment> authorize(Authorize command) {
    List<FieldError> errors = check(command);
    if (!errors.isEmpty()) {
      return Future.failedFuture(DomainFailure.invalid(errors));
    }
    return repository
        .open(
            pool,
            command.orderId(),
            PaymentStatus.PENDING,
            command.amountMinor(),
            command.currency())
        .compose(
            current -> {
              if (current.status() == PaymentStatus.VOIDED) {
                return Future.succeededFuture(current);
              }
              if (current.amountMinor() != command.amountMinor()
                  || !current.currency().equals(command.currency())) {
                return Future.failedFuture(
                    DomainFailure.of(
                        PaymentsError.AMOUNT_MISMATCH,
                        "This order's payment is for "
                            + current.amountMinor()
                            + " "
                            + current.currency()
                            + "."));
              }
              if (current.status() != PaymentStatus.PENDING) {
                return Future.succeededFuture(current);
              }
              return guarded(
                      () ->
                          provider.authorize(
                              key(command.orderId()),
                              command.amountMinor(),
                              command.currency(),
                              command.paymentToken()))
                  .compose(answer -> settleAuthorization(current, answer));
            });
  }

  private Future<Payment> settleAuthorization(
      Payment pending, PaymentProvider.Authorization answer) {
    UUID orderId = pending.orderId();
    Future<Optional<Payment>> settled =
        switch (answer.outcome()) {
          case APPROVED ->
              changed(
                  repository.settle(
                      pool,
                      orderId,
                      PaymentStatus.PENDING,
                      PaymentStatus.AUTHORIZED,
                      answer.reference(),
                      null,
                      PaymentsContract.PAYMENT_AUTHORIZED,
                      new PaymentAuthorized(
                          UUID.randomUUID(),
                          Instant.now(),
                          orderId,
                          pending.amountMinor(),
                          pending.currency(),
                          answer.reference())));
          case DECLINED ->
              changed(
                  repository.settle(
                      pool,
                      orderId,
                      PaymentStatus.PENDING,
                      PaymentStatus.DECLINED,
                      answer.reference(),
                      answer.declineReason(),
                      PaymentsContract.PAYMENT_DECLINED,
                      new PaymentDeclined(
                          UUID.randomUUID(),
                          Instant.now(),
                          orderId,
                          pending.amountMinor(),
                          pending.currency(),
                          answer.declineReason())));
          // a refund closed the key first; it settles the row as VOIDED too, whichever of the two
          // writes first
          case VOIDED ->
              repository.settle(
                  pool,
                  orderId,
                  PaymentStatus.PENDING,
                  PaymentStatus.VOIDED,
                  answer.reference(),
                  answer.declineReason());
        };
    return settled
        .compose(
            moved -> moved.isPresent() ? Future.succeededFuture(moved.get()) : current(orderId))
        .compose(
            now -> {
              if (answer.approved()
                  && (now.status() == PaymentStatus.VOIDED
                      || now.status() == PaymentStatus.REFUNDED)) {
                // a refund overtook this authorization; make sure the provider keeps nothing
                LOG.warn(
                    "Order {}: the provider approved a payment that was already {}; refunding it there",
                    now.orderId(),
                    now.status());
                return guarded(() -> provider.refund(key(now.orderId()))).map(now);
              }
              return Future.succeededFuture(now);
            });
  }

  Future<Payment> refund(Refund command) {
    if (command.orderId() == null) {
      return Future.failedFuture(
          DomainFailure.invalid(List.of(new FieldError("orderId", "is required"))));
    }
    return refund(command.orderId(), command.reason(), REFUND_ATTEMPTS);
  }

  private Future<Payment> refund(UUID orderId, String reason, int attemptsLeft) {
    // an order that never asked for a payment gets a VOIDED one: a late authorization then charges
    // nothing
    return repository
        .open(pool, orderId, PaymentStatus.VOIDED, 0, "XXX")
        .compose(
            current ->
                switch (current.status()) {
                  case PENDING, AUTHORIZED ->
                      guarded(() -> provider.refund(key(orderId)))
                          .compose(
                              refunded ->
                                  refunded
                                      ? changed(
                                          repository.settle(
                                              pool,
                                              orderId,
                                              current.status(),
                                              PaymentStatus.REFUNDED,
                                              null,
                                              current.declineReason(),
                                              PaymentsContract.PAYMENT_REFUNDED,
                                              new PaymentRefunded(
                                                  UUID.randomUUID(),
                                                  Instant.now(),
                                                  orderId,
                                                  current.amountMinor(),
                                                  current.currency(),
                                                  reason)))
                                      : repository.settle(
                                          pool,
                                          orderId,
                                          current.status(),
                                          PaymentStatus.VOIDED,
                                          null,
                                          current.declineReason()))
                          .compose(
                              settled ->
                                  settled.isPresent() || attemptsLeft <= 1
                                      ? get(new GetPayment(orderId))
                                      : refund(orderId, reason, attemptsLeft - 1));
                  default -> Future.succeededFuture(current);
                });
  }

  Future<Payment> get(GetPayment query) {
    return repository
        .find(pool, query.orderId())
        .compose(
            found ->
                found
                    .map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                DomainFailure.of(
                                    PaymentsError.PAYMENT_NOT_FOUND,
                                    "No payment for this order."))));
  }

  /** A provider call through the circuit breaker; any failure becomes the transient PROVIDER_UNAVAILABLE. */
  private <T> Future<T> guarded(Supplier<Future<T>> call) {
    return breaker
        .<T>execute(call)
        .recover(
            error ->
                Future.failedFuture(
                    DomainFailure.of(
                        PaymentsError.PROVIDER_UNAVAILABLE,
                        "The payment provider is not answering; nothing was charged by this attempt. Try again shortly.")));
  }

  /** A settlement with an event: once it moved the payment, the relay is told. */
  private Future<Optional<Payment>> changed(Future<Optional<Payment>> settlement) {
    return settlement.onSuccess(moved -> moved.ifPresent(payment -> eventsWritten.run()));
  }

  private Future<Payment> current(UUID orderId) {
    return repository.find(pool, orderId).map(Optional::orElseThrow);
  }

  private static String key(UUID orderId) {
    return "order-" + orderId;
  }

  private static List<FieldError> check(Authorize command) {
    List<FieldError> errors = new ArrayList<>();
    if (command.orderId() == null) {
      errors.add(new FieldError("orderId", "is required"));
    }
    if (command.amountMinor() < 1 || command.amountMinor() > MAX_AMOUNT_MINOR) {
      errors.add(new FieldError("amountMinor", "must be between 1 and " + MAX_AMOUNT_MINOR));
    }
    if (command.currency() == null || !CURRENCY.matcher(command.currency()).matches()) {
      errors.add(new FieldError("currency", "must be an ISO 4217 code such as EUR"));
    }
    if (command.paymentToken() == null || !TOKEN.matcher(command.paymentToken()).matches()) {
      errors.add(new FieldError("paymentToken", "must be a card token such as tok_visa"));
    }
    return errors;
  }
}
