package dev.cartwheel.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.cartwheel.codecs.Codecs;
import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.Roles;
import dev.cartwheel.codecs.users.GetProfile;
import dev.cartwheel.codecs.users.Login;
import dev.cartwheel.codecs.users.RegisterUser;
import dev.cartwheel.codecs.users.Session;
import dev.cartwheel.codecs.users.UserProfile;
import dev.cartwheel.codecs.users.UserRegistered;
import dev.cartwheel.codecs.users.UsersContract;
import dev.cartwheel.runtime.auth.Jwt;
import dev.cartwheel.runtime.auth.JwtSettings;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.testkit.TestConfig;
import dev.cartwheel.testkit.TestNodes;
import dev.cartwheel.testkit.TestServices;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class UsersVerticleIT {

  private static final String PASSWORD = "analytical-engine-1843";

  private Vertx vertx;
  private EventBus bus;
  private JsonObject config;

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @BeforeEach
  void deployUsers() {
    vertx = Vertx.vertx();
    TestNodes.install(vertx);
    bus = vertx.eventBus();
    Codecs.registerAll(bus);
    TestServices.sql(
        "DO $$ BEGIN IF to_regclass('users.users') IS NOT NULL THEN TRUNCATE users.users, users.outbox; END IF; END $$");
    config = TestConfig.forServices(vertx, Map.of());
    deploy(1);
  }

  @Test
  @DisplayName(
      "deployed on a Vert.x the launcher did not wire, the verticle fails at start naming the missing node")
  void aVerticleWithoutItsNodeFailsAtStart() {
    Vertx bare = Vertx.vertx();
    try {
      assertThatThrownBy(
              () ->
                  bare.deployVerticle(
                          UsersVerticle.class, new DeploymentOptions().setConfig(config))
                      .await())
          .hasMessageContaining("No Node is installed on this Vert.x instance");
    } finally {
      bare.close().await();
    }
  }

  @Test
  @DisplayName("registering creates a customer and returns a token signed for that user")
  void registerCreatesACustomerWithASignedToken() {
    Session session = register(" Ada@Example.COM ", PASSWORD, "  Ada Lovelace ");

    assertThat(session.user().email()).isEqualTo("ada@example.com");
    assertThat(session.user().fullName()).isEqualTo("Ada Lovelace");
    assertThat(session.user().roles()).containsExactly(Roles.CUSTOMER);
    assertThat(session.expiresAt())
        .isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(Duration.ofSeconds(5)));

    User user =
        Jwt.verifier(vertx, JwtSettings.from(new ConfigReader(config)))
            .authenticate(new TokenCredentials(session.token()))
            .await();
    assertThat(user.subject()).isEqualTo(session.user().id().toString());
    assertThat(user.principal().getJsonArray("roles").getList()).containsExactly(Roles.CUSTOMER);
    assertThat(user.principal().getString("iss")).isEqualTo("cartwheel");
    assertThat(user.attributes().getLong("exp")).isEqualTo(session.expiresAt().getEpochSecond());
  }

  @Test
  @DisplayName(
      "a registration publishes UserRegistered (through the outbox), without the password or its hash")
  void registrationIsPublished() {
    List<UserRegistered> published = new CopyOnWriteArrayList<>();
    bus.<UserRegistered>consumer(
        UsersContract.USER_REGISTERED, message -> published.add(message.body()));

    Session session = register("ada@example.com", PASSWORD, "Ada Lovelace");

    await()
        .untilAsserted(
            () ->
                assertThat(published)
                    .extracting(event -> event.user().id())
                    .contains(session.user().id()));
    String payload =
        TestServices.queryOne(
            "SELECT payload::text FROM users.outbox WHERE aggregate_id = '"
                + session.user().id()
                + "'");
    assertThat(payload)
        .contains("ada@example.com")
        .doesNotContain(PASSWORD)
        .doesNotContain("argon2");
  }

  @Test
  @DisplayName("passwords are stored as argon2id hashes, never in clear")
  void passwordsAreStoredAsArgon2id() {
    register("ada@example.com", PASSWORD, "Ada Lovelace");

    String stored =
        TestServices.queryOne(
            "SELECT password_hash FROM users.users WHERE email = 'ada@example.com'");
    assertThat(stored).startsWith("$argon2id$v=19$m=8192,t=1,p=1$").doesNotContain(PASSWORD);
  }

  @Test
  @DisplayName("a second account for the same e-mail address, in any case, is refused")
  void duplicateEmailIsRefused() {
    register("ada@example.com", PASSWORD, "Ada Lovelace");

    DomainFailure failure =
        failureOf(
            bus.request(
                UsersContract.REGISTER,
                new RegisterUser("ADA@example.com", "another-password-42", "Ada Again")));

    assertThat(failure.code()).isEqualTo("EMAIL_TAKEN");
    assertThat(
            TestServices.queryOne(
                "SELECT count(*) FROM users.users WHERE email = 'ada@example.com'"))
        .isEqualTo("1");
  }

  @Test
  @DisplayName("racing registrations of one address create exactly one account")
  void racingRegistrationsCreateOneAccount() {
    List<Future<Message<Object>>> attempts =
        IntStream.range(0, 8)
            .mapToObj(
                i ->
                    bus.request(
                        UsersContract.REGISTER,
                        new RegisterUser("race@example.com", PASSWORD, "Racer " + i)))
            .toList();
    Future.join(attempts).otherwiseEmpty().await();

    assertThat(attempts.stream().filter(Future::succeeded)).hasSize(1);
    assertThat(
            attempts.stream()
                .filter(Future::failed)
                .map(attempt -> ((DomainFailure) attempt.cause()).code()))
        .hasSize(7)
        .containsOnly("EMAIL_TAKEN");
    assertThat(
            TestServices.queryOne(
                "SELECT count(*) FROM users.users WHERE email = 'race@example.com'"))
        .isEqualTo("1");
  }

  @Test
  @DisplayName(
      "invalid e-mail, weak password and missing name are each reported as a field error, and nothing is written")
  void invalidInputIsRefusedFieldByField() {
    assertThat(fieldErrors(new RegisterUser("not-an-address", "short", "")))
        .containsExactly(
            new FieldError("email", "must be a valid e-mail address"),
            new FieldError("password", "must be at least 10 characters"),
            new FieldError("fullName", "is required"));
    assertThat(fieldErrors(new RegisterUser(null, null, null)))
        .extracting(FieldError::field)
        .containsExactly("email", "password", "fullName");
    assertThat(fieldErrors(new RegisterUser("ada@example.com", "Password123", "Ada")))
        .containsExactly(
            new FieldError(
                "password",
                "is too easy to guess: avoid common passwords and your e-mail address"));
    assertThat(fieldErrors(new RegisterUser("ada@example.com", "zzzzzzzzzzzz", "Ada")))
        .extracting(FieldError::field)
        .containsExactly("password");
    assertThat(
            fieldErrors(
                new RegisterUser(
                    "charles.babbage@example.com", "charles.babbage@example.com", "Charles")))
        .extracting(FieldError::field)
        .containsExactly("password");
    assertThat(fieldErrors(new RegisterUser("ada@example.com", "x".repeat(129), "Ada")))
        .containsExactly(new FieldError("password", "must be at most 128 characters"));
    assertThat(fieldErrors(new RegisterUser("ada@example.com", PASSWORD, "Ada\u0000Lovelace")))
        .containsExactly(new FieldError("fullName", "must not contain control characters"));

    assertThat(
            TestServices.queryOne(
                "SELECT count(*) FROM users.users WHERE NOT 'admin' = ANY(roles)"))
        .isEqualTo("0");
  }

  @Test
  @DisplayName(
      "a burst of logins beyond the hashing queue gets a fast BUSY, not a pile of timeouts")
  void hashingQueueIsBounded() {
    redeploy(Map.of("users.hashThreads", "1", "users.hashQueueLimit", "2"));

    List<Future<Message<Object>>> logins =
        IntStream.range(0, 12)
            .mapToObj(
                i ->
                    bus.request(
                        UsersContract.LOGIN, new Login("nobody-" + i + "@example.com", PASSWORD)))
            .toList();
    Future.join(logins).otherwiseEmpty().await();

    assertThat(logins.stream().map(login -> ((DomainFailure) login.cause()).code()))
        .contains("BUSY", "INVALID_CREDENTIALS")
        .containsOnly("BUSY", "INVALID_CREDENTIALS");
  }

  @Test
  void loginWithTheRightPasswordReturnsAToken() {
    Session registered = register("ada@example.com", PASSWORD, "Ada Lovelace");

    Session session =
        (Session)
            bus.request(UsersContract.LOGIN, new Login("  ADA@example.com", PASSWORD))
                .await()
                .body();

    assertThat(session.user()).isEqualTo(registered.user());
    assertThat(session.token()).isNotBlank();
  }

  @Test
  @DisplayName("a wrong password and an unknown e-mail address fail identically")
  void wrongPasswordAndUnknownEmailLookTheSame() {
    register("ada@example.com", PASSWORD, "Ada Lovelace");

    DomainFailure wrongPassword =
        failureOf(
            bus.request(UsersContract.LOGIN, new Login("ada@example.com", "not-the-password")));
    DomainFailure unknownEmail =
        failureOf(bus.request(UsersContract.LOGIN, new Login("nobody@example.com", PASSWORD)));

    assertThat(wrongPassword.code()).isEqualTo("INVALID_CREDENTIALS");
    assertThat(unknownEmail.code()).isEqualTo(wrongPassword.code());
    assertThat(unknownEmail.getMessage()).isEqualTo(wrongPassword.getMessage());
    assertThat(unknownEmail.failureCode()).isEqualTo(wrongPassword.failureCode());
  }

  @Test
  @DisplayName("an unknown e-mail address takes as long as a wrong password: both cost one hash")
  void unknownEmailTakesAsLongAsAWrongPassword() {
    redeploy(Map.of("users.hashMemoryKib", "19456", "users.hashIterations", "2"));
    register("ada@example.com", PASSWORD, "Ada Lovelace");
    List<Long> wrongPassword = new ArrayList<>();
    List<Long> unknownEmail = new ArrayList<>();
    for (int i = 0; i < 21; i++) { // interleaved, so that the machine's noise falls on both alike
      wrongPassword.add(loginNanos(new Login("ada@example.com", "not-the-password")));
      unknownEmail.add(loginNanos(new Login("nobody-" + i + "@example.com", PASSWORD)));
    }
    // a login that skipped the hash would be about 25 times faster (a hash is ~25 ms here, the
    // lookup ~1 ms); the
    // bounds leave room for this shared machine's noise (runs of 15 pairs read 0.68 and 1.46) and
    // still catch that
    double ratio = (double) median(unknownEmail) / median(wrongPassword);
    assertThat(ratio)
        .as(
            "median unknown address ÷ median wrong password (%s / %s ns)",
            median(unknownEmail), median(wrongPassword))
        .isBetween(0.5, 2.0);
  }

  @Test
  @DisplayName(
      "a correct login with a hash weaker than configured makes it again at the configured cost; the password keeps working")
  void weakHashesAreUpgradedAtLogin() throws Exception {
    String[] legacy =
        PasswordHasherTest.fixtures().stream()
            .filter(
                fixture ->
                    fixture[1].startsWith("$argon2id$v=19$m=8192,t=1,p=1$")
                        && fixture[0].equals("correct-horse-battery"))
            .findFirst()
            .orElseThrow();
    String[] stronger =
        PasswordHasherTest.fixtures().stream()
            .filter(
                fixture ->
                    fixture[1].startsWith("$argon2id$v=19$m=65536,t=3,p=4$")
                        && fixture[0].equals("correct-horse-battery"))
            .findFirst()
            .orElseThrow();
    redeploy(Map.of("users.hashMemoryKib", "19456", "users.hashIterations", "2"));
    UUID weak = register("weak@example.com", PASSWORD, "Weak Hash").user().id();
    UUID strong = register("strong@example.com", PASSWORD, "Strong Hash").user().id();
    TestServices.sql(
        "UPDATE users.users SET password_hash = '" + legacy[1] + "' WHERE id = '" + weak + "'");
    TestServices.sql(
        "UPDATE users.users SET password_hash = '" + stronger[1] + "' WHERE id = '" + strong + "'");

    failureOf(bus.request(UsersContract.LOGIN, new Login("weak@example.com", "not-the-password")));
    assertThat(storedHash(weak)).as("a wrong password changes nothing").isEqualTo(legacy[1]);

    bus.request(UsersContract.LOGIN, new Login("weak@example.com", legacy[0])).await();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> storedHash(weak).startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    bus.request(UsersContract.LOGIN, new Login("weak@example.com", legacy[0])).await();

    bus.request(UsersContract.LOGIN, new Login("strong@example.com", stronger[0])).await();
    bus.request(UsersContract.LOGIN, new Login("strong@example.com", stronger[0])).await();
    assertThat(storedHash(strong)).as("a stronger hash is kept").isEqualTo(stronger[1]);
  }

  @Test
  void aProfileIsReadByUserId() {
    Session session = register("ada@example.com", PASSWORD, "Ada Lovelace");

    UserProfile profile =
        (UserProfile)
            bus.request(UsersContract.GET_PROFILE, new GetProfile(session.user().id()))
                .await()
                .body();
    assertThat(profile).isEqualTo(session.user());

    DomainFailure unknown =
        failureOf(bus.request(UsersContract.GET_PROFILE, new GetProfile(UUID.randomUUID())));
    assertThat(unknown.code()).isEqualTo("USER_NOT_FOUND");
  }

  @Test
  @DisplayName(
      "the configured administrator is seeded with the admin role, once, however many instances start")
  void administratorIsSeededOnce() {
    deploy(3);

    Session admin =
        (Session)
            bus.request(
                    UsersContract.LOGIN, new Login("admin@cartwheel.dev", "cartwheel-dev-admin"))
                .await()
                .body();

    assertThat(admin.user().roles()).containsExactlyInAnyOrder(Roles.ADMIN, Roles.CUSTOMER);
    assertThat(
            TestServices.queryOne(
                "SELECT count(*) FROM users.users WHERE email = 'admin@cartwheel.dev'"))
        .isEqualTo("1");
  }

  private void redeploy(Map<String, String> overrides) {
    vertx.undeploy(vertx.deploymentIDs().iterator().next()).await();
    config = TestConfig.forServices(vertx, overrides);
    deploy(1);
  }

  private long loginNanos(Login login) {
    long started = System.nanoTime();
    failureOf(bus.request(UsersContract.LOGIN, login));
    return System.nanoTime() - started;
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }

  private static String storedHash(UUID userId) {
    return TestServices.queryOne(
        "SELECT password_hash FROM users.users WHERE id = '" + userId + "'");
  }

  private void deploy(int instances) {
    vertx
        .deployVerticle(
            UsersVerticle.class, new DeploymentOptions().setConfig(config).setInstances(instances))
        .await();
  }

  private Session register(String email, String password, String fullName) {
    return (Session)
        bus.request(UsersContract.REGISTER, new RegisterUser(email, password, fullName))
            .await()
            .body();
  }

  private List<FieldError> fieldErrors(RegisterUser command) {
    DomainFailure failure = failureOf(bus.request(UsersContract.REGISTER, command));
    assertThat(failure.code()).isEqualTo("VALIDATION_FAILED");
    return failure.fieldErrors();
  }

  private static DomainFailure failureOf(Future<?> request) {
    return catchThrowableOfType(DomainFailure.class, request::await);
  }
}
