package dev.cartwheel.runtime.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of a domain's outbox, as a relay reads it: the event's JSON stays text until a sink needs it.
 * {@code traceparent} is the trace the event was written in, or null.
 */
public record OutboxEvent(
    long seq,
    UUID id,
    String aggregateId,
    String address,
    String payload,
    Instant occurredAt,
    String traceparent) {}
