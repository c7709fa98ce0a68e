package dev.cartwheel.users;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.FieldError;
import dev.cartwheel.codecs.Roles;
import dev.cartwheel.codecs.users.EmailAddresses;
import dev.cartwheel.codecs.users.GetProfile;
import dev.cartwheel.codecs.users.Login;
import dev.cartwheel.codecs.users.RegisterUser;
import dev.cartwheel.codecs.users.Session;
import dev.cartwheel.codecs.users.UserProfile;
import dev.cartwheel.codecs.users.UserRegistered;
import dev.cartwheel.codecs.users.UsersContract;
import dev.cartwheel.codecs.users.UsersError;
import dev.cartwheel.runtime.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The logic of the users domain: registration, login, profiles, the seeded administrator. */
final class UsersService {

  private static final Logger LOG = LoggerFactory.getLogger(UsersService.class);

  /** Longer inputs are refused before hashing, so a huge "password" cannot buy CPU time. */
  private static final int LOGIN_PASSWORD_LIMIT = 1024;

  private final Pool pool;
  private final UsersRepository repository;
  private final PasswordHasher hasher;
  private final TokenIssuer tokens;
  private final RegistrationRules rules;
  private final Outbox outbox;
  private final Runnable eventsWritten;

  UsersService(
      Pool pool,
      UsersRepository repository,
      PasswordHasher hasher,
      TokenIssuer tokens,
      RegistrationRules rules,
      Outbox outbox,
      Runnable eventsWritten) {
    this.pool = pool;
    this.repository = repository;
    this.hasher = hasher;
    this.tokens = tokens;
    this.rules = rules;
    this.outbox = outbox;
    this.eventsWritten = eventsWritten;
  }

  Future<Session> register(RegisterUser command) {
    List<FieldError> errors = rules.check(command);
    if (!errors.isEmpty()) {
      return Future.failedFuture(DomainFailure.invalid(errors));
    }
    RegistrationRules.NewAccount account = rules.normalize(command);
    return hasher
        .hash(account.password())
        .compose(hash -> create(account.email(), account.fullName(), hash, List.of(Roles.CUSTOMER)))
        .map(tokens::issue);
  }

  Future<Session> login(Login command) {
    String email = EmailAddresses.normalize(command.email());
    String password = command.password();
    if (password == null || password.length() > LOGIN_PASSWORD_LIMIT) {
      return Future.failedFuture(invalidCredentials());
    }
    if (!RegistrationRules.isPlausibleEmail(email)) {
      // no such account can exist: answer like for an unknown address, after the same work
      return hasher
          .matchesNobody(password)
          .compose(ignored -> Future.failedFuture(invalidCredentials()));
    }
    return repository
        .findByEmail(pool, email)
        .compose(found -> checkPassword(found, password))
        .compose(
            user ->
                user.map(profile -> Future.succeededFuture(tokens.issue(profile)))
                    .orElseGet(() -> Future.failedFuture(invalidCredentials())));
  }

  Future<UserProfile> profile(GetProfile query) {
    if (query.userId() == null) {
      return Future.failedFuture(
          DomainFailure.invalid(List.of(new FieldError("userId", "is required"))));
    }
    return repository
        .findById(pool, query.userId())
        .compose(
            found ->
                found
                    .map(user -> Future.succeededFuture(user.profile()))
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                DomainFailure.of(UsersError.USER_NOT_FOUND, "No such user."))));
  }

  /** Creates the configured administrator unless an account with that e-mail address exists. */
  Future<Void> seedAdmin(Optional<UsersConfig.AdminSeed> seed) {
    if (seed.isEmpty()) {
      return Future.succeededFuture();
    }
    String email = EmailAddresses.normalize(seed.get().email());
    return repository
        .findByEmail(pool, email)
        .compose(
            existing -> {
              if (existing.isPresent()) {
                return Future.succeededFuture();
              }
              return hasher
                  .hash(seed.get().password())
                  .compose(
                      hash ->
                          create(
                              email, "Administrator", hash, List.of(Roles.ADMIN, Roles.CUSTOMER)))
                  .onSuccess(created -> LOG.info("Created the administrator account {}", email))
                  // another instance seeded it at the same moment
                  .recover(
                      error ->
                          error instanceof DomainFailure taken
                                  && taken.code().equals(UsersError.EMAIL_TAKEN.code())
                              ? Future.succeededFuture()
                              : Future.failedFuture(error))
                  .mapEmpty();
            });
  }

  /** Inserts the account and its UserRegistered event in one transaction. */
  private Future<UserProfile> create(
      String email, String fullName, String passwordHash, List<String> roles) {
    return pool.withTransaction(
            tx ->
                repository
                    .insert(tx, email, fullName, passwordHash, roles)
                    .compose(
                        user ->
                            outbox
                                .append(
                                    tx,
                                    UsersContract.USER_REGISTERED,
                                    new UserRegistered(UUID.randomUUID(), Instant.now(), user))
                                .map(user)))
        .onSuccess(user -> eventsWritten.run());
  }

  private Future<Optional<UserProfile>> checkPassword(
      Optional<UsersRepository.StoredUser> found, String password) {
    if (found.isEmpty()) {
      return hasher.matchesNobody(password).map(ignored -> Optional.empty());
    }
    UsersRepository.StoredUser user = found.get();
    return hasher
        .matches(password, user.passwordHash())
        .map(
            ok -> {
              if (!ok) {
                return Optional.empty();
              }
              if (hasher.weakerThanConfigured(user.passwordHash())) {
                upgradeHash(user, password);
              }
              return Optional.of(user.profile());
            });
  }

  /**
   * Makes the hash again at the configured cost, after the login has been answered (it costs another hash).
   * If it fails (a full hash queue, say), the next correct login tries again.
   */
  private void upgradeHash(UsersRepository.StoredUser user, String password) {
    hasher
        .hash(password)
        .compose(
            stronger ->
                repository.replaceHash(pool, user.profile().id(), user.passwordHash(), stronger))
        .onSuccess(
            replaced ->
                LOG.debug(
                    "Password hash of user {} made again at the configured cost: {}",
                    user.profile().id(),
                    replaced))
        .onFailure(
            error ->
                LOG.info(
                    "Password hash of user {} not upgraded this time: {}",
                    user.profile().id(),
                    error.getMessage()));
  }

  private static DomainFailure invalidCredentials() {
    return DomainFailure.of(
        UsersError.INVALID_CREDENTIALS, "The e-mail address or the password is wrong.");
  }
}
