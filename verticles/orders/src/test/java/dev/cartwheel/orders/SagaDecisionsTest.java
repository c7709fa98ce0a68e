package dev.cartwheel.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.ErrorCode;
import dev.cartwheel.codecs.inventory.InventoryError;
import dev.cartwheel.codecs.orders.CancelReasons;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.payments.Payment;
import dev.cartwheel.codecs.payments.PaymentStatus;
import dev.cartwheel.codecs.payments.PaymentsError;
import dev.cartwheel.orders.SagaDecisions.Advance;
import dev.cartwheel.orders.SagaDecisions.Compensate;
import dev.cartwheel.orders.SagaDecisions.Decision;
import dev.cartwheel.orders.SagaDecisions.Finish;
import dev.cartwheel.orders.SagaDecisions.Outcome;
import dev.cartwheel.orders.SagaDecisions.Refund;
import dev.cartwheel.orders.SagaDecisions.Retry;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every step of the saga with every outcome: an answer, each refusal its domain can give, and silence. */
class SagaDecisionsTest {

  private static final Object DONE = "done";

  static Stream<Arguments> table() {
    return Stream.of(
        // RESERVE: stock held, or refused (gone or unknown: out of stock; any other refusal: the
        // hold ended)
        row(
            "RESERVE",
            SagaDecisions::afterReserve,
            Outcome.answered(DONE),
            new Advance(SagaStep.AUTHORIZE)),
        row(
            "RESERVE",
            SagaDecisions::afterReserve,
            refused(InventoryError.OUT_OF_STOCK),
            new Compensate(CancelReasons.OUT_OF_STOCK)),
        row(
            "RESERVE",
            SagaDecisions::afterReserve,
            refused(InventoryError.PRODUCT_NOT_FOUND),
            new Compensate(CancelReasons.OUT_OF_STOCK)),
        row(
            "RESERVE",
            SagaDecisions::afterReserve,
            refused(InventoryError.RESERVATION_ENDED),
            new Compensate(CancelReasons.RESERVATION_EXPIRED)),
        row(
            "RESERVE",
            SagaDecisions::afterReserve,
            Outcome.silent(),
            new Retry(CancelReasons.INVENTORY_UNAVAILABLE)),
        // AUTHORIZE: only AUTHORIZED goes on; DECLINED or a refusal is a decline; another status is
        // no charge to count on
        row(
            "AUTHORIZE",
            SagaDecisions::afterAuthorize,
            payment(PaymentStatus.AUTHORIZED),
            new Advance(SagaStep.COMMIT)),
        row(
            "AUTHORIZE",
            SagaDecisions::afterAuthorize,
            payment(PaymentStatus.DECLINED),
            new Compensate(CancelReasons.PAYMENT_DECLINED)),
        row(
            "AUTHORIZE",
            SagaDecisions::afterAuthorize,
            payment(PaymentStatus.PENDING),
            new Compensate(CancelReasons.PAYMENT_UNAVAILABLE)),
        row(
            "AUTHORIZE",
            SagaDecisions::afterAuthorize,
            payment(PaymentStatus.VOIDED),
            new Compensate(CancelReasons.PAYMENT_UNAVAILABLE)),
        row(
            "AUTHORIZE",
            SagaDecisions::afterAuthorize,
            refused(PaymentsError.AMOUNT_MISMATCH),
            new Compensate(CancelReasons.PAYMENT_DECLINED)),
        row(
            "AUTHORIZE",
            SagaDecisions::afterAuthorize,
            Outcome.silent(),
            new Retry(CancelReasons.PAYMENT_UNAVAILABLE)),
        // COMMIT: never given up (Retry without a reason); a refusal means the hold ran out
        row(
            "COMMIT",
            SagaDecisions::afterCommit,
            Outcome.answered(DONE),
            new Finish(OrderStatus.CONFIRMED)),
        row(
            "COMMIT",
            SagaDecisions::afterCommit,
            refused(InventoryError.RESERVATION_ENDED),
            new Compensate(CancelReasons.RESERVATION_EXPIRED)),
        row("COMMIT", SagaDecisions::afterCommit, Outcome.silent(), new Retry(null)),
        // COMPENSATE, release: a commit whose answer was lost confirms the order; any other refusal
        // is tried again
        row("RELEASE", SagaDecisions::afterRelease, Outcome.answered(DONE), new Refund()),
        row(
            "RELEASE",
            SagaDecisions::afterRelease,
            refused(InventoryError.RESERVATION_COMMITTED),
            new Finish(OrderStatus.CONFIRMED)),
        row(
            "RELEASE",
            SagaDecisions::afterRelease,
            refused(InventoryError.RESERVATION_NOT_FOUND),
            new Retry(null)),
        row("RELEASE", SagaDecisions::afterRelease, Outcome.silent(), new Retry(null)),
        // COMPENSATE, refund: never given up
        row(
            "REFUND",
            SagaDecisions::afterRefund,
            payment(PaymentStatus.REFUNDED),
            new Finish(OrderStatus.CANCELLED)),
        row(
            "REFUND",
            SagaDecisions::afterRefund,
            payment(PaymentStatus.VOIDED),
            new Finish(OrderStatus.CANCELLED)),
        row(
            "REFUND",
            SagaDecisions::afterRefund,
            refused(PaymentsError.PAYMENT_NOT_FOUND),
            new Retry(null)),
        row("REFUND", SagaDecisions::afterRefund, Outcome.silent(), new Retry(null)));
  }

  @ParameterizedTest(name = "{0}, {2} → {3}")
  @MethodSource("table")
  void eachStepDecidesFromItsOutcome(
      String step,
      Function<Outcome<Object>, Decision> decide,
      Outcome<Object> outcome,
      Decision expected) {
    assertThat(decide.apply(outcome)).isEqualTo(expected);
  }

  @Test
  @DisplayName("the table covers every step but DONE, each with an answer, a refusal and silence")
  void theTableCoversEveryStep() {
    assertThat(table().map(row -> (String) row.get()[0]).distinct())
        .containsExactly("RESERVE", "AUTHORIZE", "COMMIT", "RELEASE", "REFUND");
    table()
        .map(row -> (String) row.get()[0])
        .distinct()
        .forEach(
            step ->
                assertThat(
                        table()
                            .filter(row -> row.get()[0].equals(step))
                            .map(row -> kind((Outcome<?>) row.get()[2])))
                    .as(step)
                    .contains("answer", "refusal", "silence"));
  }

  @Test
  @DisplayName(
      "an accepted cancellation is honoured before RESERVE, AUTHORIZE and COMMIT, not during COMPENSATE")
  void cancellationIsHonouredBeforeTheStepsThatMayStillStop() {
    assertThat(
            Arrays.stream(SagaStep.values())
                .filter(
                    step ->
                        SagaDecisions.honoursCancellation(
                            step, CancelReasons.CANCELLED_BY_CUSTOMER)))
        .containsExactly(SagaStep.RESERVE, SagaStep.AUTHORIZE, SagaStep.COMMIT);
    assertThat(
            Arrays.stream(SagaStep.values())
                .filter(step -> SagaDecisions.honoursCancellation(step, null)))
        .isEmpty();
  }

  private static <T> Arguments row(
      String step, Function<Outcome<T>, Decision> decide, Outcome<?> outcome, Decision expected) {
    return Arguments.of(step, decide, outcome, expected);
  }

  private static String kind(Outcome<?> outcome) {
    return outcome.answered() ? "answer" : outcome.refused() ? "refusal" : "silence";
  }

  private static Outcome<Object> refused(ErrorCode error) {
    return Outcome.refused(DomainFailure.of(error, "refused in a test"));
  }

  private static Outcome<Object> payment(PaymentStatus status) {
    return Outcome.answered(
        new Payment(UUID.randomUUID(), status, 1000, "EUR", "ref", null, Instant.now()));
  }
}
