package dev.cartwheel.codecs.users;

import java.util.Locale;

/** How the platform compares e-mail addresses: trimmed and case-insensitive. The users domain keys accounts by it, the gateway its sign-in counts. */
public final class EmailAddresses {

  private EmailAddresses() {}

  public static String normalize(String email) {
    return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
  }
}
