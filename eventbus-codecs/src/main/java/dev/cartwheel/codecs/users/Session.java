package dev.cartwheel.codecs.users;

import java.time.Instant;

/** A signed bearer token for {@code user}, valid until {@code expiresAt}. */
public record Session(UserProfile user, String token, Instant expiresAt) {

  @Override
  public String toString() {
    return "Session[user=" + user + ", token=***, expiresAt=" + expiresAt + "]";
  }
}
