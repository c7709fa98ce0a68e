package dev.cartwheel.users;

import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.users.EmailAddresses;
import dev.cartwheel.codecs.users.RegisterUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a new account must satisfy. Passwords follow NIST SP 800-63B: a minimum length and a blocklist,
 * no composition rules. E-mail addresses are compared trimmed and lower-cased.
 */
final class RegistrationRules {

  static final int PASSWORD_MIN = 10;
  static final int PASSWORD_MAX = 128;
  static final int EMAIL_MAX = 254;
  static final int NAME_MAX = 100;

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private final Set<String> commonPasswords;

  RegistrationRules() {
    this.commonPasswords = loadCommonPasswords();
  }

  /** The account to create, normalized. */
  record NewAccount(String email, String password, String fullName) {

    @Override
    public String toString() {
      return "NewAccount[email=" + email + ", password=***, fullName=" + fullName + "]";
    }
  }

  /** The field errors of {@code command}; empty when it is valid. */
  List<FieldError> check(RegisterUser command) {
    List<FieldError> errors = new ArrayList<>();
    String email = EmailAddresses.normalize(command.email());
    if (email == null || email.isEmpty()) {
      errors.add(new FieldError("email", "is required"));
    } else if (!isPlausibleEmail(email)) {
      errors.add(new FieldError("email", "must be a valid e-mail address"));
    }
    passwordProblem(command.password(), email)
        .ifPresent(problem -> errors.add(new FieldError("password", problem)));
    String name = command.fullName() == null ? "" : command.fullName().trim();
    if (name.isEmpty()) {
      errors.add(new FieldError("fullName", "is required"));
    } else if (name.length() > NAME_MAX) {
      errors.add(new FieldError("fullName", "must be at most " + NAME_MAX + " characters"));
    } else if (CONTROL.matcher(name).find()) {
      errors.add(new FieldError("fullName", "must not contain control characters"));
    }
    return errors;
  }

  /** Shaped like an address, short enough, no control characters (PostgreSQL text cannot even hold NUL). */
  static boolean isPlausibleEmail(String normalized) {
    return normalized != null
        && normalized.length() <= EMAIL_MAX
        && EMAIL.matcher(normalized).matches()
        && !CONTROL.matcher(normalized).find();
  }

  NewAccount normalize(RegisterUser command) {
    return new NewAccount(
        EmailAddresses.normalize(command.email()), command.password(), command.fullName().trim());
  }

  private Optional<String> passwordProblem(String password, String email) {
    if (password == null || password.isEmpty()) {
      return Optional.of("is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < PASSWORD_MIN) {
      return Optional.of("must be at least " + PASSWORD_MIN + " characters");
    }
    if (length > PASSWORD_MAX) {
      return Optional.of("must be at most " + PASSWORD_MAX + " characters");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    boolean oneRepeatedCharacter = password.codePoints().distinct().count() == 1;
    String localPart = email == null ? null : email.substring(0, Math.max(0, email.indexOf('@')));
    boolean isTheEmail =
        Objects.equals(lower, email)
            || (localPart != null
                && localPart.length() >= PASSWORD_MIN
                && lower.contains(localPart));
    if (oneRepeatedCharacter || commonPasswords.contains(lower) || isTheEmail) {
      return Optional.of("is too easy to guess: avoid common passwords and your e-mail address");
    }
    return Optional.empty();
  }

  private static Set<String> loadCommonPasswords() {
    try (var in = RegistrationRules.class.getResourceAsStream("/common-passwords.txt");
        var reader =
            new BufferedReader(
                new InputStreamReader(
                    Objects.requireNonNull(in, "common-passwords.txt"), StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .map(String::trim)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
