package dev.cartwheel.users;

import dev.cartwheel.codecs.users.UsersContract;
import dev.cartwheel.runtime.auth.Jwt;
import dev.cartwheel.runtime.bus.Endpoints;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.Migrations;
import dev.cartwheel.runtime.db.Pools;
import dev.cartwheel.runtime.outbox.Outbox;
import dev.cartwheel.runtime.outbox.OutboxRelay;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring of the users domain: migrate its schema, then answer its event-bus addresses. */
public final class UsersVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(UsersVerticle.class);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private Pool pool;
  private PasswordHasher hasher;
  private OutboxRelay relay;
  private Endpoints endpoints;

  @Override
  public Future<?> start() {
    UsersConfig settings = UsersConfig.from(new ConfigReader(config()));
    TokenIssuer tokens =
        new TokenIssuer(Jwt.signer(vertx, settings.jwt()), settings.jwt(), Clock.systemUTC());
    return Migrations.migrateWithOutbox(vertx, settings.pg(), UsersContract.DOMAIN)
        .compose(migrated -> PasswordHasher.create(vertx, settings.hashing()))
        .compose(
            created -> {
              hasher = created;
              pool = Pools.shared(vertx, settings.pg(), UsersContract.DOMAIN);
              Outbox outbox = new Outbox(UsersContract.DOMAIN, UsersContract.EVENTS);
              relay =
                  new OutboxRelay(
                      vertx, pool, settings.pg(), UsersContract.DOMAIN, outbox, settings.outbox());
              relay.start();
              UsersService service =
                  new UsersService(
                      pool,
                      new UsersRepository(),
                      hasher,
                      tokens,
                      new RegistrationRules(),
                      outbox,
                      relay::nudge);
              return service
                  .seedAdmin(settings.admin())
                  .compose(
                      seeded -> {
                        endpoints =
                            new Endpoints(vertx, LOG)
                                .reply(UsersContract.REGISTER, service::register)
                                .reply(UsersContract.LOGIN, service::login)
                                .reply(UsersContract.GET_PROFILE, service::profile);
                        return endpoints.ready(UsersContract.DOMAIN);
                      });
            });
  }

  /** Stop answering (the cluster routes to other instances), finish what was accepted, then close. */
  @Override
  public Future<?> stop() {
    Future<Void> drained =
        endpoints == null ? Future.succeededFuture() : endpoints.drain(DRAIN_TIMEOUT);
    return drained
        .transform(done -> relay == null ? Future.succeededFuture() : relay.stop())
        .transform(
            done ->
                Future.join(
                    hasher == null ? Future.succeededFuture() : hasher.close(),
                    pool == null ? Future.succeededFuture() : pool.close()));
  }
}
