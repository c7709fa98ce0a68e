package dev.cartwheel.codecs;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact a domain publishes after it committed it. {@link #eventId()} is the id of the outbox row it
 * was written to (stable across redeliveries, so consumers can remember what they handled);
 * {@link #aggregateId()} is the entity the event is about (events of one aggregate stay in order).
 */
public interface DomainEvent {

  UUID eventId();

  Instant occurredAt();

  String aggregateId();
}
