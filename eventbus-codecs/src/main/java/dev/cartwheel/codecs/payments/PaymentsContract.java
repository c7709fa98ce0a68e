package dev.cartwheel.codecs.payments;

import dev.cartwheel.codecs.DomainEvent;
import java.util.List;
import java.util.Map;

/** The payments domain on the event bus: one payment per order, behind a payment provider. */
public final class PaymentsContract {

  public static final String DOMAIN = "payments";

  /**
   * {@link Authorize} → {@link Payment} (AUTHORIZED or DECLINED: a decline is an answer, not a failure).
   * Idempotent on the order id: a retry never charges twice. A payment that was voided answers VOIDED.
   * PROVIDER_UNAVAILABLE is transient: retry later.
   */
  public static final String AUTHORIZE = "payments.cmd.authorize";

  /** {@link Refund} → {@link Payment}: REFUNDED, or DECLINED/VOIDED when nothing was taken. Idempotent; PROVIDER_UNAVAILABLE is transient. */
  public static final String REFUND = "payments.cmd.refund";

  /** {@link GetPayment} → {@link Payment}; PAYMENT_NOT_FOUND. */
  public static final String GET = "payments.cmd.get";

  public static final String PAYMENT_AUTHORIZED = "payments.evt.payment-authorized";
  public static final String PAYMENT_DECLINED = "payments.evt.payment-declined";
  public static final String PAYMENT_REFUNDED = "payments.evt.payment-refunded";

  public static final Map<String, Class<? extends DomainEvent>> EVENTS =
      Map.of(
          PAYMENT_AUTHORIZED, PaymentAuthorized.class,
          PAYMENT_DECLINED, PaymentDeclined.class,
          PAYMENT_REFUNDED, PaymentRefunded.class);

  public static final List<Class<? extends Record>> MESSAGES =
      List.of(
          Authorize.class,
          Refund.class,
          GetPayment.class,
          Payment.class,
          PaymentAuthorized.class,
          PaymentDeclined.class,
          PaymentRefunded.class);

  private PaymentsContract() {}
}
