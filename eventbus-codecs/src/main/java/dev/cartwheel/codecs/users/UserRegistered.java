package dev.cartwheel.codecs.users;

import dev.cartwheel.codecs.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** An account was created (by registration or as the seeded administrator). */
public record UserRegistered(UUID eventId, Instant occurredAt, UserProfile user)
    implements DomainEvent {

  @Override
  public String aggregateId() {
    return user.id().toString();
  }
}
