package dev.cartwheel.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.Codecs;
import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.payments.Authorize;
import dev.cartwheel.codecs.payments.GetPayment;
import dev.cartwheel.codecs.payments.Payment;
import dev.cartwheel.codecs.payments.PaymentAuthorized;
import dev.cartwheel.codecs.payments.PaymentDeclined;
import dev.cartwheel.codecs.payments.PaymentRefunded;
import dev.cartwheel.codecs.payments.PaymentStatus;
import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.codecs.payments.Refund;
import dev.cartwheel.runtime.node.Node;
import dev.cartwheel.testkit.TestConfig;
import dev.cartwheel.testkit.TestNodes;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class PaymentsVerticleIT {

  private Vertx vertx;
  private EventBus bus;
  private String deployment;
  private final List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
    TestNodes.install(vertx);
    bus = vertx.eventBus();
    Codecs.registerAll(bus);
    TestServices.sql(
        "DO $$ BEGIN IF to_regclass('payments.payments') IS NOT NULL THEN "
            + "TRUNCATE payments.payments, payments.simulated_provider_ledger, payments.outbox; END IF; END $$");
    PaymentsContract.EVENTS
        .keySet()
        .forEach(
            address -> bus.<DomainEvent>consumer(address, message -> events.add(message.body())));
  }

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  @DisplayName(
      "an authorization is recorded with the provider's reference, once, however often it is asked")
  void authorizeOnce() {
    deploy(Map.of());
    UUID order = UUID.randomUUID();

    Payment first = authorize(order, 5070, "tok_visa");
    Payment again = authorize(order, 5070, "tok_visa");

    assertThat(first.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(first.providerReference()).startsWith("sim_");
    assertThat(again).isEqualTo(first);
    assertThat(charges(order)).isEqualTo(1);
    await()
        .untilAsserted(
            () -> assertThat(events).filteredOn(PaymentAuthorized.class::isInstance).hasSize(1));
  }

  @Test
  @DisplayName(
      "a second deployment keeps its database when the first is undeployed: the node's pool outlives the verticle that made it")
  void thePoolOutlivesTheDeploymentThatMadeIt() {
    deploy(Map.of());
    String first = deployment;
    deploy(Map.of());

    vertx.undeploy(first).await();

    // vertx-sql-client 5.0.8 closed a shared pool's connections with the verticle that built it
    // first
    Payment served = authorize(UUID.randomUUID(), 990, "tok_visa");
    assertThat(served.status()).isEqualTo(PaymentStatus.AUTHORIZED);
  }

  @Test
  @DisplayName("racing authorizations of one order charge once and all get the same answer")
  void racingAuthorizationsChargeOnce() {
    deploy(Map.of("payments.simulator.latencyMs", "100"));
    UUID order = UUID.randomUUID();

    List<Future<Payment>> attempts =
        IntStream.range(0, 10)
            .mapToObj(
                i ->
                    bus.<Payment>request(
                            PaymentsContract.AUTHORIZE,
                            new Authorize(order, 1990, "EUR", "tok_visa"))
                        .map(message -> message.body()))
            .toList();
    Future.all(attempts).await();

    assertThat(attempts.stream().map(attempt -> attempt.result().providerReference()).distinct())
        .hasSize(1);
    assertThat(charges(order)).isEqualTo(1);
    await()
        .untilAsserted(
            () -> assertThat(events).filteredOn(PaymentAuthorized.class::isInstance).hasSize(1));
  }

  @Test
  @DisplayName(
      "the simulator declines its decline token and amounts over its limit; a decline is an answer, not a failure")
  void declines() {
    deploy(Map.of("payments.simulator.declineOverMinor", "10000"));

    Payment card = authorize(UUID.randomUUID(), 500, "tok_decline");
    Payment amount = authorize(UUID.randomUUID(), 10001, "tok_visa");

    assertThat(card.status()).isEqualTo(PaymentStatus.DECLINED);
    assertThat(card.declineReason()).isEqualTo("card-declined");
    assertThat(amount.declineReason()).isEqualTo("amount-over-limit");
    await()
        .untilAsserted(
            () -> assertThat(events).filteredOn(PaymentDeclined.class::isInstance).hasSize(2));
  }

  @Test
  void aRetryWithAnotherAmountIsRefused() {
    deploy(Map.of());
    UUID order = UUID.randomUUID();
    authorize(order, 5070, "tok_visa");

    DomainFailure mismatch =
        failure(PaymentsContract.AUTHORIZE, new Authorize(order, 9999, "EUR", "tok_visa"));

    assertThat(mismatch.code()).isEqualTo("AMOUNT_MISMATCH");
    assertThat(charges(order)).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a refund gives an authorized payment back, once; refunding a decline or nothing takes nothing")
  void refunds() {
    deploy(Map.of());
    UUID authorized = UUID.randomUUID();
    authorize(authorized, 5070, "tok_visa");
    UUID declined = UUID.randomUUID();
    authorize(declined, 5070, "tok_decline");
    UUID never = UUID.randomUUID();

    assertThat(refund(authorized).status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(refund(authorized).status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(refund(declined).status()).isEqualTo(PaymentStatus.DECLINED);
    assertThat(refund(never).status()).isEqualTo(PaymentStatus.VOIDED);
    assertThat(authorize(never, 5070, "tok_visa").status())
        .as("a late authorization of a voided order")
        .isEqualTo(PaymentStatus.VOIDED);

    assertThat(
            TestServices.queryOne(
                "SELECT refunded FROM payments.simulated_provider_ledger WHERE idempotency_key = 'order-"
                    + authorized
                    + "'"))
        .isEqualTo("t");
    assertThat(charges(never)).isZero();
    await()
        .untilAsserted(
            () -> assertThat(events).filteredOn(PaymentRefunded.class::isInstance).hasSize(1));
  }

  @Test
  @DisplayName(
      "while the provider fails, nothing is charged, the payment stays PENDING and the breaker opens; once it is back, a retry settles it")
  void providerOutage() {
    deploy(Map.of("payments.simulator.failurePercent", "100", "payments.breakerMaxFailures", "2"));
    UUID order = UUID.randomUUID();

    for (int i = 0; i < 3; i++) {
      assertThat(
              failure(PaymentsContract.AUTHORIZE, new Authorize(order, 5070, "EUR", "tok_visa"))
                  .code())
          .isEqualTo("PROVIDER_UNAVAILABLE");
    }
    assertThat(Node.of(vertx).circuitBreakers()).containsValue("OPEN");
    assertThat(request(PaymentsContract.GET, new GetPayment(order)).status())
        .isEqualTo(PaymentStatus.PENDING);
    assertThat(charges(order)).isZero();

    vertx.undeploy(deployment).await();
    deploy(Map.of());

    assertThat(authorize(order, 5070, "tok_visa").status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(charges(order)).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "a provider slower than the timeout: the attempt fails, the provider still charges, and the retry finds that charge instead of making another")
  void slowProviderIsRetriedWithoutDoubleCharge() {
    deploy(Map.of("payments.simulator.latencyMs", "700", "payments.providerTimeoutMs", "200"));
    UUID order = UUID.randomUUID();

    assertThat(
            failure(PaymentsContract.AUTHORIZE, new Authorize(order, 5070, "EUR", "tok_visa"))
                .code())
        .isEqualTo("PROVIDER_UNAVAILABLE");
    await().untilAsserted(() -> assertThat(charges(order)).isEqualTo(1));

    vertx.undeploy(deployment).await();
    deploy(Map.of());
    Payment settled = authorize(order, 5070, "tok_visa");

    assertThat(settled.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(settled.providerReference())
        .isEqualTo(
            TestServices.queryOne(
                "SELECT reference FROM payments.simulated_provider_ledger WHERE idempotency_key = 'order-"
                    + order
                    + "'"));
    assertThat(charges(order)).isEqualTo(1);
  }

  @Test
  @DisplayName("a refund racing an authorization leaves nothing charged")
  void refundRacingAnAuthorization() {
    deploy(Map.of("payments.simulator.latencyMs", "300"));
    for (int i = 0; i < 5; i++) {
      UUID order = UUID.randomUUID();
      Future<Payment> authorizing =
          bus.<Payment>request(
                  PaymentsContract.AUTHORIZE, new Authorize(order, 5070, "EUR", "tok_visa"))
              .map(message -> message.body());
      Payment refunded = refund(order);
      authorizing.await();

      // the authorization may have settled just before the refund (it then answered AUTHORIZED):
      // either way the end state is the same
      assertThat(refunded.status()).isIn(PaymentStatus.REFUNDED, PaymentStatus.VOIDED);
      assertThat(request(PaymentsContract.GET, new GetPayment(order)).status())
          .isIn(PaymentStatus.REFUNDED, PaymentStatus.VOIDED);
      assertThat(
              TestServices.queryOne(
                  "SELECT count(*) FROM payments.simulated_provider_ledger WHERE idempotency_key = 'order-"
                      + order
                      + "' AND outcome = 'AUTHORIZED' AND NOT refunded"))
          .as("charges kept by the provider")
          .isEqualTo("0");
    }
  }

  @Test
  @DisplayName(
      "an authorization that reaches the provider after a refund closed its key settles VOIDED, charges nothing and announces nothing")
  void authorizationOvertakenAtTheProvider() {
    deploy(Map.of());
    UUID order = UUID.randomUUID();
    // what a refund that reached the provider first (while this payment was PENDING here) leaves in
    // the provider's ledger
    TestServices.sql(
        "INSERT INTO payments.simulated_provider_ledger (idempotency_key, outcome, reference, amount_minor, currency)"
            + " VALUES ('order-"
            + order
            + "', 'VOIDED', 'sim_void', 0, 'XXX')");

    assertThat(authorize(order, 5070, "tok_visa").status()).isEqualTo(PaymentStatus.VOIDED);
    assertThat(request(PaymentsContract.GET, new GetPayment(order)).status())
        .isEqualTo(PaymentStatus.VOIDED);
    assertThat(refund(order).status()).isEqualTo(PaymentStatus.VOIDED);
    assertThat(charges(order)).isZero();
    assertThat(TestServices.queryOne("SELECT count(*) FROM payments.outbox"))
        .as("events written")
        .isEqualTo("0");
  }

  private void deploy(Map<String, String> overrides) {
    Map<String, String> settings =
        new HashMap<>(Map.of("outbox.pollMs", "50", "payments.simulator.latencyMs", "0"));
    settings.putAll(overrides);
    deployment =
        vertx
            .deployVerticle(
                PaymentsVerticle.class,
                new DeploymentOptions()
                    .setConfig(TestConfig.forServices(vertx, settings))
                    .setInstances(2))
            .await();
  }

  private Payment authorize(UUID order, long amount, String token) {
    return request(PaymentsContract.AUTHORIZE, new Authorize(order, amount, "EUR", token));
  }

  private Payment refund(UUID order) {
    return request(PaymentsContract.REFUND, new Refund(order, "test"));
  }

  private Payment request(String address, Object body) {
    return (Payment)
        bus.request(address, body, new DeliveryOptions().setSendTimeout(10_000)).await().body();
  }

  private DomainFailure failure(String address, Object body) {
    return catchThrowableOfType(
        DomainFailure.class,
        () -> bus.request(address, body, new DeliveryOptions().setSendTimeout(10_000)).await());
  }

  private static int charges(UUID order) {
    return Integer.parseInt(
        TestServices.queryOne(
            "SELECT count(*) FROM payments.simulated_provider_ledger WHERE idempotency_key = 'order-"
                + order
                + "' AND outcome = 'AUTHORIZED'"));
  }
}
