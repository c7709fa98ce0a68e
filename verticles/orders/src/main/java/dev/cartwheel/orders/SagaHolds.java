package dev.cartwheel.orders;

import dev.cartwheel.orders.SagaDecisions.Outcome;
import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection for crash tests ({@code orders.faults.holdAfter}): the first saga whose step in the set gets its
 * answer stops there for good, the step's effect done at its domain and not yet saved here. A kill -9 of the node then
 * leaves exactly the half-done saga that recovery must finish. Off (the empty set) by default, refused in the prod
 * profile; each orders instance holds at most one saga per step, and only once.
 */
final class SagaHolds {

  static final String SETTING = "orders.faults.holdAfter";
  private static final Logger LOG = LoggerFactory.getLogger(SagaHolds.class);

  private final Set<SagaStep> armed;

  SagaHolds(Set<SagaStep> armed) {
    this.armed = armed.isEmpty() ? EnumSet.noneOf(SagaStep.class) : EnumSet.copyOf(armed);
  }

  /** The steps {@code orders.faults.holdAfter} names. */
  static Set<SagaStep> steps(ConfigReader config) {
    List<String> names = config.strings(SETTING);
    if (!names.isEmpty() && config.profiles().contains("prod")) {
      throw new ConfigException(
          SETTING, "is fault injection for tests; the prod profile refuses it");
    }
    EnumSet<SagaStep> steps = EnumSet.noneOf(SagaStep.class);
    for (String name : names) {
      steps.add(step(name));
    }
    return Collections.unmodifiableSet(steps);
  }

  /** The outcome of the order's step, passed on; or, the first time that step is armed, never. */
  <T> Future<Outcome<T>> after(UUID orderId, SagaStep step, Outcome<T> outcome) {
    if (!armed.remove(step)) {
      return Future.succeededFuture(outcome);
    }
    LOG.warn(
        "Order {}: held after its {} step answered ({}); only another node or a restart moves it on",
        orderId,
        step,
        SETTING);
    return Promise.<Outcome<T>>promise().future();
  }

  private static SagaStep step(String name) {
    return switch (name) {
      case "RESERVE" -> SagaStep.RESERVE;
      case "AUTHORIZE" -> SagaStep.AUTHORIZE;
      case "COMMIT" -> SagaStep.COMMIT;
      case "COMPENSATE" -> SagaStep.COMPENSATE;
      default ->
          throw new ConfigException(
              SETTING,
              "names " + name + "; the steps are RESERVE, AUTHORIZE, COMMIT and COMPENSATE");
    };
  }
}
