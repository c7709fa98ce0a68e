package dev.cartwheel.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwheel.orders.SagaDecisions.Outcome;
import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SagaHoldsTest {

  private static final Outcome<String> ANSWER = Outcome.answered("held stock");

  @Test
  @DisplayName("an armed step holds the first saga that reaches it, and only that one")
  void holdsOnce() {
    SagaHolds holds = new SagaHolds(Set.of(SagaStep.AUTHORIZE));

    Future<Outcome<String>> first = holds.after(UUID.randomUUID(), SagaStep.AUTHORIZE, ANSWER);
    Future<Outcome<String>> second = holds.after(UUID.randomUUID(), SagaStep.AUTHORIZE, ANSWER);

    assertThat(first.isComplete()).as("the first saga at AUTHORIZE is held").isFalse();
    assertThat(second.succeeded()).isTrue();
    assertThat(second.result()).isSameAs(ANSWER);
  }

  @Test
  @DisplayName("a step that is not armed passes its outcome on")
  void othersPass() {
    SagaHolds holds = new SagaHolds(Set.of(SagaStep.COMMIT));

    Future<Outcome<String>> passed = holds.after(UUID.randomUUID(), SagaStep.RESERVE, ANSWER);

    assertThat(passed.result()).isSameAs(ANSWER);
  }

  @Test
  @DisplayName("the setting names steps, and the prod profile refuses it")
  void setting() {
    assertThat(SagaHolds.steps(config("dev", List.of("RESERVE", "COMPENSATE"))))
        .containsExactlyInAnyOrder(SagaStep.RESERVE, SagaStep.COMPENSATE);
    assertThat(SagaHolds.steps(config("prod", List.of()))).isEmpty();
    assertThatThrownBy(() -> SagaHolds.steps(config("dev", List.of("DONE"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("names DONE");
    assertThatThrownBy(() -> SagaHolds.steps(config("prod", List.of("COMMIT"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("the prod profile refuses it");
  }

  private static ConfigReader config(String profile, List<String> steps) {
    return new ConfigReader(
        new JsonObject()
            .put("profile", profile)
            .put(
                "orders",
                new JsonObject()
                    .put("faults", new JsonObject().put("holdAfter", new JsonArray(steps)))));
  }
}
