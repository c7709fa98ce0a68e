package dev.cartwheel.users;

import dev.cartwheel.codecs.users.UsersContract;
import dev.cartwheel.runtime.auth.Jwt;
import dev.cartwheel.runtime.domain.DomainVerticle;
import io.vertx.core.Future;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the users domain (its lifecycle is {@link DomainVerticle}'s): the password hasher, the seeded
 * administrator, then its event-bus addresses.
 */
public final class UsersVerticle extends DomainVerticle<UsersConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(UsersVerticle.class);

  private PasswordHasher hasher;

  public UsersVerticle() {
    super(UsersContract.DOMAIN, UsersContract.EVENTS, LOG, UsersConfig::from);
  }

  @Override
  protected Future<Void> wire(UsersConfig settings, Parts parts) {
    TokenIssuer tokens =
        new TokenIssuer(Jwt.signer(vertx, settings.jwt()), settings.jwt(), Clock.systemUTC());
    return PasswordHasher.create(vertx, settings.hashing())
        .compose(
            created -> {
              hasher = created;
              UsersService service =
                  new UsersService(
                      parts.pool(),
                      new UsersRepository(),
                      hasher,
                      tokens,
                      new RegistrationRules(),
                      parts.outbox(),
                      parts.eventsWritten());
              return service
                  .seedAdmin(settings.admin())
                  .onSuccess(
                      seeded ->
                          parts
                              .endpoints()
                              .reply(UsersContract.REGISTER, service::register)
                              .reply(UsersContract.LOGIN, service::login)
                              .reply(UsersContract.GET_PROFILE, service::profile))
                  .mapEmpty();
            });
  }

  @Override
  protected Future<?> afterDrain() {
    return hasher == null ? Future.succeededFuture() : hasher.close();
  }
}
