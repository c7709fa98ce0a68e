package dev.cartwheel.runtime.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * PostgreSQL pools, one per domain and node: every instance of a domain's verticle, of every deployment,
 * leases the same one.
 *
 * <p>The pool is first built off any Vert.x context, and that first lease (the anchor) is kept until Vert.x
 * closes. vertx-sql-client 5.0.8 ties a shared pool's TCP client to the context that built it first: built in a
 * verticle, it was closed when that verticle instance stopped, and every other instance's queries failed with
 * "Client is closed" (docs/upstream/vertx-sql-client-shared-pool-creator.md). Each verticle instance still takes
 * its own lease and closes it at stop. Vert.x closes the anchor before it undeploys what is left, so a node
 * undeploys its verticles before it closes Vert.x (the launcher's Platform does).
 */
public final class Pools {

  private static final String ANCHORS = "cartwheel.pool-anchors";

  /** A plain thread: no Vert.x context is current there, so what the pool makes belongs to Vert.x itself. */
  private static final Executor OFF_CONTEXT =
      task -> {
        Thread thread = new Thread(task, "cartwheel-pool-anchor");
        thread.setDaemon(true);
        thread.start();
      };

  private record Anchor(CompletableFuture<Pool> pool) implements Shareable {}

  private Pools() {}

  /** A lease on the node's pool of {@code domain}, for the calling verticle instance to close at stop. */
  public static Future<Pool> shared(Vertx vertx, PgSettings pg, String domain) {
    PoolOptions options =
        new PoolOptions().setMaxSize(pg.poolSize()).setShared(true).setName("cartwheel-" + domain);
    LocalMap<String, Anchor> anchors = vertx.sharedData().getLocalMap(ANCHORS);
    Anchor anchor =
        anchors.computeIfAbsent(
            options.getName(),
            name ->
                new Anchor(
                    CompletableFuture.supplyAsync(() -> build(vertx, pg, options), OFF_CONTEXT)));
    return Future.fromCompletionStage(anchor.pool(), vertx.getOrCreateContext())
        // a later start may try again
        .onFailure(error -> anchors.removeIfPresent(options.getName(), anchor))
        .map(anchored -> build(vertx, pg, options));
  }

  private static Pool build(Vertx vertx, PgSettings pg, PoolOptions options) {
    return PgBuilder.pool().with(options).connectingTo(pg.connectOptions()).using(vertx).build();
  }
}
