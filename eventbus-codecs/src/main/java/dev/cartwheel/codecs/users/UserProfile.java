package dev.cartwheel.codecs.users;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What anyone may know of a user: never the password hash. */
public record UserProfile(
    UUID id, String email, String fullName, List<String> roles, Instant createdAt) {

  public UserProfile {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
