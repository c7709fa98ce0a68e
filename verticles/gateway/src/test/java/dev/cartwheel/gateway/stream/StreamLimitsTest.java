package dev.cartwheel.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamLimitsTest {

  private final Vertx vertx = Vertx.vertx();
  private final StreamLimits limits =
      StreamLimits.of(
          vertx,
          new StreamSettings(
              3, 2, 32, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30), 8));

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aUserGetsTheirShareAndAFreedPlaceIsTakenAgain() {
    UUID ada = UUID.randomUUID();
    assertThat(limits.tryAcquire(ada)).isEmpty();
    assertThat(limits.tryAcquire(ada)).isEmpty();
    assertThat(limits.tryAcquire(ada))
        .hasValueSatisfying(reason -> assertThat(reason).contains("2 live streams"));

    limits.release(ada);
    assertThat(limits.tryAcquire(ada)).isEmpty();
  }

  @Test
  void theNodeLimitHoldsAcrossUsersAndARefusalTakesNothing() {
    assertThat(limits.tryAcquire(UUID.randomUUID())).isEmpty();
    assertThat(limits.tryAcquire(UUID.randomUUID())).isEmpty();
    UUID third = UUID.randomUUID();
    assertThat(limits.tryAcquire(third)).isEmpty();
    assertThat(limits.tryAcquire(UUID.randomUUID()))
        .hasValueSatisfying(reason -> assertThat(reason).contains("limit of 3"));

    limits.release(third);
    assertThat(limits.tryAcquire(UUID.randomUUID())).isEmpty();
  }

  @Test
  void everyGatewayInstanceOfAVertxSharesOneCount() {
    StreamLimits other =
        StreamLimits.of(
            vertx,
            new StreamSettings(
                3, 2, 32, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30), 8));
    assertThat(other).isSameAs(limits);
  }
}
