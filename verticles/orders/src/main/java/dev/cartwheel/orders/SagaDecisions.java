package dev.cartwheel.orders;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.inventory.InventoryError;
import dev.cartwheel.codecs.orders.CancelReasons;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.payments.Payment;
import dev.cartwheel.codecs.payments.PaymentStatus;
import java.util.Set;

/**
 * The saga's decision table: what follows each step's outcome. Free of I/O, so that SagaDecisionsTest covers every
 * step with every outcome; {@link Saga} carries the decisions out (persisting each before the next request).
 */
final class SagaDecisions {

  private static final Set<String> STOCK_REFUSALS =
      Set.of(InventoryError.OUT_OF_STOCK.code(), InventoryError.PRODUCT_NOT_FOUND.code());

  private SagaDecisions() {}

  /** How a request to another domain ended: an answer, a refusal (the domain's own failure), or silence. */
  record Outcome<T>(T answer, DomainFailure refusal) {

    static <T> Outcome<T> answered(T answer) {
      return new Outcome<>(answer, null);
    }

    static <T> Outcome<T> refused(DomainFailure refusal) {
      return new Outcome<>(null, refusal);
    }

    static <T> Outcome<T> silent() {
      return new Outcome<>(null, null);
    }

    boolean answered() {
      return answer != null;
    }

    boolean refused() {
      return refusal != null;
    }

    boolean refusedWith(String code) {
      return refusal != null && refusal.code().equals(code);
    }
  }

  /** What the saga does next. */
  sealed interface Decision permits Advance, Compensate, Refund, Finish, Retry {}

  /** Persist {@code step} as the next one and run it. */
  record Advance(SagaStep step) implements Decision {}

  /** Persist COMPENSATE with the order's cancel reason, and run it. */
  record Compensate(String reason) implements Decision {}

  /** The stock is released: go on to refund the payment (the second half of COMPENSATE). */
  record Refund() implements Decision {}

  /** End the order CONFIRMED, or CANCELLED with its cancel reason. */
  record Finish(OrderStatus status) implements Decision {}

  /**
   * No answer: try the step again; after orders.maxStepAttempts, compensate with {@code giveUpReason}, or, when it is
   * null (COMMIT and COMPENSATE are never given up), hand the order to the recovery pass.
   */
  record Retry(String giveUpReason) implements Decision {}

  /** A cancellation accepted earlier is honoured before the step runs (see {@link SagaStep#honoursCancellation}). */
  static boolean honoursCancellation(SagaStep step, String cancelRequest) {
    return cancelRequest != null && step.honoursCancellation();
  }

  static Decision afterReserve(Outcome<?> outcome) {
    if (outcome.answered()) {
      return new Advance(SagaStep.AUTHORIZE);
    }
    if (outcome.refused()) {
      return new Compensate(
          STOCK_REFUSALS.contains(outcome.refusal().code())
              ? CancelReasons.OUT_OF_STOCK
              : CancelReasons.RESERVATION_EXPIRED);
    }
    return new Retry(CancelReasons.INVENTORY_UNAVAILABLE);
  }

  static Decision afterAuthorize(Outcome<Payment> outcome) {
    if (outcome.answered() && outcome.answer().status() == PaymentStatus.AUTHORIZED) {
      return new Advance(SagaStep.COMMIT);
    }
    if ((outcome.answered() && outcome.answer().status() == PaymentStatus.DECLINED)
        || outcome.refused()) {
      return new Compensate(CancelReasons.PAYMENT_DECLINED);
    }
    if (outcome.answered()) {
      // any other status (still PENDING at the provider, say): not a charge we can count on
      return new Compensate(CancelReasons.PAYMENT_UNAVAILABLE);
    }
    return new Retry(CancelReasons.PAYMENT_UNAVAILABLE);
  }

  static Decision afterCommit(Outcome<?> outcome) {
    if (outcome.answered()) {
      return new Finish(OrderStatus.CONFIRMED);
    }
    if (outcome.refused()) {
      return new Compensate(CancelReasons.RESERVATION_EXPIRED);
    }
    return new Retry(null);
  }

  static Decision afterRelease(Outcome<?> outcome) {
    if (outcome.refusedWith(InventoryError.RESERVATION_COMMITTED.code())) {
      // the stock already left (a commit whose answer was lost): the order went through after all
      return new Finish(OrderStatus.CONFIRMED);
    }
    return outcome.answered() ? new Refund() : new Retry(null);
  }

  static Decision afterRefund(Outcome<?> outcome) {
    return outcome.answered() ? new Finish(OrderStatus.CANCELLED) : new Retry(null);
  }
}
