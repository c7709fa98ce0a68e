package dev.cartwheel.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the inbound bridge did with each record: {@code cartwheel.inbound.events{type, outcome}} (handled,
 * duplicate, dead-lettered) and {@code cartwheel.inbound.dead.letters{reason}}. A type the bridge does not
 * know counts as {@code other}: producers choose types, and labels must stay a fixed set.
 */
final class InboundMetrics {

  static final String HANDLED = "handled";
  static final String DUPLICATE = "duplicate";
  static final String DEAD_LETTERED = "dead-lettered";

  private final MeterRegistry registry;

  InboundMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void counted(String type, String outcome) {
    Counter.builder("cartwheel.inbound.events")
        .description("Inbound CloudEvents, by type and what became of them")
        .tags("type", InboundTypes.isKnown(type) ? type : "other", "outcome", outcome)
        .register(registry)
        .increment();
  }

  void deadLettered(String type, String reason) {
    counted(type, DEAD_LETTERED);
    Counter.builder("cartwheel.inbound.dead.letters")
        .description("Inbound records written to the dead-letter topic, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}
