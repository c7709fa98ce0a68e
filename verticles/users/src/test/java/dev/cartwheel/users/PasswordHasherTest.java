package dev.cartwheel.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PasswordHasherTest {

  private static final UsersConfig.Hashing DEFAULT_COST =
      new UsersConfig.Hashing(19456, 2, 1, 0, 64);
  private static Vertx vertx;
  private static PasswordHasher hasher;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    hasher = PasswordHasher.create(vertx, DEFAULT_COST).await();
  }

  @AfterAll
  static void stop() {
    hasher.close().await();
    vertx.close().await();
  }

  @Test
  @DisplayName(
      "hashes made by the earlier hasher (password4j) still verify, whatever their cost; wrong passwords do not")
  void earlierHashesStillVerify() throws IOException {
    List<String[]> fixtures = fixtures();
    assertThat(fixtures).hasSize(12);
    for (String[] fixture : fixtures) {
      assertThat(hasher.matches(fixture[0], fixture[1]).await())
          .as("%s with %s", fixture[0], fixture[1])
          .isTrue();
      assertThat(hasher.matches(fixture[0] + "!", fixture[1]).await())
          .as("a wrong password for %s", fixture[1])
          .isFalse();
    }
  }

  @Test
  @DisplayName(
      "a new hash is an argon2id PHC string at the configured cost, with a 16-byte salt and a 32-byte hash, salted anew each time")
  void newHashesAreArgon2idPhcStrings() {
    String first = hasher.hash("correct-horse-battery").await();
    String second = hasher.hash("correct-horse-battery").await();

    assertThat(first)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(second).isNotEqualTo(first);
    assertThat(hasher.matches("correct-horse-battery", first).await()).isTrue();
    assertThat(hasher.matches("correct-horse-batterY", first).await()).isFalse();
    assertThat(hasher.weakerThanConfigured(first)).isFalse();
  }

  @Test
  @DisplayName(
      "a stored hash is weaker when it has less memory or fewer passes, or is not argon2id v1.3; a stronger one is kept")
  void weakerHashesAreRecognized() {
    assertThat(
            hasher.weakerThanConfigured(
                "$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA"))
        .isTrue();
    assertThat(
            hasher.weakerThanConfigured(
                "$argon2id$v=19$m=19456,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA"))
        .isTrue();
    assertThat(
            hasher.weakerThanConfigured(
                "$argon2id$v=19$m=65536,t=1,p=4$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA"))
        .as("fewer passes")
        .isTrue();
    assertThat(
            hasher.weakerThanConfigured(
                "$argon2i$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA"))
        .as("argon2i")
        .isTrue();
    assertThat(
            hasher.weakerThanConfigured(
                "$argon2id$v=16$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA"))
        .as("v1.0")
        .isTrue();
    assertThat(
            hasher.weakerThanConfigured(
                "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA"))
        .isFalse();
    assertThat(
            hasher.weakerThanConfigured(
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA"))
        .isFalse();
  }

  /** password, hash; lines starting with # say where they come from. */
  static List<String[]> fixtures() throws IOException {
    try (InputStream in = PasswordHasherTest.class.getResourceAsStream("/password4j-hashes.tsv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.startsWith("#") && !line.isBlank())
          .map(line -> line.split("\t", 2))
          .toList();
    }
  }
}
