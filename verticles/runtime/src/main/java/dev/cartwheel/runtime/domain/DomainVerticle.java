package dev.cartwheel.runtime.domain;

import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.runtime.bus.Endpoints;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.db.Migrations;
import dev.cartwheel.runtime.db.PgSettings;
import dev.cartwheel.runtime.db.Pools;
import dev.cartwheel.runtime.outbox.Outbox;
import dev.cartwheel.runtime.outbox.OutboxRelay;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The lifecycle every domain verticle shares, so that a domain writes only what is its own.
 *
 * <p>Start: read and check the settings, migrate the domain's schema and the runtime's outbox, open the pool, make
 * the outbox and its relay, let the domain {@link #wire} its services and addresses, start the relay, then answer
 * on the bus and publish the instance in the service registry. Stop, in reverse: {@link #beforeDrain} (stop taking
 * new work of its own), drain the endpoints (the requests already accepted are answered), stop the relay, {@link
 * #afterDrain} (close the domain's own parts), close the pool.
 *
 * @param <S> the domain's settings, read from the verticle's configuration
 */
public abstract class DomainVerticle<S extends DomainVerticle.Settings> extends VerticleBase {

  /** What every domain's settings hold. */
  public interface Settings {
    PgSettings pg();

    OutboxRelay.Settings outbox();
  }

  /** What the lifecycle hands the domain's wiring. */
  protected record Parts(Pool pool, Outbox outbox, Runnable eventsWritten, Endpoints endpoints) {}

  private final String domain;
  private final Map<String, Class<? extends DomainEvent>> events;
  private final Logger log;
  private final Function<ConfigReader, S> settings;
  private Pool pool;
  private OutboxRelay relay;
  private Endpoints endpoints;

  /**
   * @param domain its name: the schema, the relay's lock and the service record
   * @param events the events its outbox holds, by address
   * @param log the domain's logger, for failures its endpoints meet
   * @param settings reads the domain's settings; throws a ConfigException naming a wrong key
   */
  protected DomainVerticle(
      String domain,
      Map<String, Class<? extends DomainEvent>> events,
      Logger log,
      Function<ConfigReader, S> settings) {
    this.domain = domain;
    this.events = events;
    this.log = log;
    this.settings = settings;
  }

  /**
   * Builds the domain's services on {@code parts} and registers its addresses on {@code parts.endpoints()}; completes
   * when they may answer (after seeding data, say).
   */
  protected abstract Future<Void> wire(S settings, Parts parts);

  /** How long a stop waits for the requests already accepted. */
  protected Duration drainTimeout() {
    return Duration.ofSeconds(10);
  }

  /** Before the drain: stop the domain's own sources of new work (timers). */
  protected void beforeDrain() {}

  /** After the drain and the relay: close the domain's own parts; the pool is closed after this. */
  protected Future<?> afterDrain() {
    return Future.succeededFuture();
  }

  @Override
  public final Future<?> start() {
    S settings = this.settings.apply(new ConfigReader(config()));
    return Migrations.migrateWithOutbox(vertx, settings.pg(), domain)
        .compose(migrated -> Pools.shared(vertx, settings.pg(), domain))
        .compose(
            leased -> {
              pool = leased;
              Outbox outbox = new Outbox(domain, events);
              relay =
                  new OutboxRelay(vertx, pool, settings.pg(), domain, outbox, settings.outbox());
              endpoints = new Endpoints(vertx, log);
              return wire(settings, new Parts(pool, outbox, relay::nudge, endpoints));
            })
        .compose(
            wired -> {
              relay.start();
              return endpoints.ready(domain);
            });
  }

  @Override
  public final Future<?> stop() {
    beforeDrain();
    Future<Void> drained =
        endpoints == null ? Future.succeededFuture() : endpoints.drain(drainTimeout());
    return drained
        .transform(done -> relay == null ? Future.succeededFuture() : relay.stop())
        .transform(done -> afterDrain())
        .transform(done -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
