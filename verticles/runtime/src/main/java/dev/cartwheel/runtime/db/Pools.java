package dev.cartwheel.runtime.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** PostgreSQL pools, one per domain and node: every instance of a domain's verticle shares it. */
public final class Pools {

  private Pools() {}

  public static Pool shared(Vertx vertx, PgSettings pg, String domain) {
    return PgBuilder.pool()
        .with(
            new PoolOptions()
                .setMaxSize(pg.poolSize())
                .setShared(true)
                .setName("cartwheel-" + domain))
        .connectingTo(pg.connectOptions())
        .using(vertx)
        .build();
  }
}
