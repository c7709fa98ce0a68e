package dev.cartwheel.runtime.bus;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.function.Supplier;

/**
 * How a consumer leaves a clustered event bus's routing before it stops listening. Vert.x removes a
 * consumer on its own node first and tells the other nodes after; a request they route here in between is
 * dropped without an answer (5.0.8), and its sender waits out its timeout. Leaving the routing first, and
 * listening until the other nodes have caught up, closes that gap. The launcher installs the cluster's;
 * without a cluster there is no routing to leave.
 */
public interface ClusterRouting extends Shareable {

  /** A registered consumer, and how to take it out of the cluster's routing while it keeps listening. */
  record Routed<T>(MessageConsumer<T> consumer, Supplier<Future<Void>> leaveRouting) {}

  /** Registers {@code handler} on {@code address}. */
  <T> Routed<T> consumer(Vertx vertx, String address, Handler<Message<T>> handler);

  /** A single Vert.x instance: other nodes route nothing here, so there is nothing to leave. */
  ClusterRouting LOCAL =
      new ClusterRouting() {
        @Override
        public <T> Routed<T> consumer(Vertx vertx, String address, Handler<Message<T>> handler) {
          return new Routed<>(vertx.eventBus().consumer(address, handler), Future::succeededFuture);
        }
      };

  static void install(Vertx vertx, ClusterRouting routing) {
    map(vertx).put(ClusterRouting.class.getName(), routing);
  }

  /**
   * The routing the launcher installed; {@link #LOCAL} for a Vert.x that is not clustered. A clustered one without
   * its routing would lose the drain's guarantee silently, so it fails instead, naming what to install.
   */
  static ClusterRouting of(Vertx vertx) {
    ClusterRouting routing = map(vertx).get(ClusterRouting.class.getName());
    if (routing != null) {
      return routing;
    }
    if (vertx.isClustered()) {
      throw new IllegalStateException(
          "This clustered Vert.x instance has no ClusterRouting installed: the launcher installs the cluster's"
              + " (ClusterRouting.install with its HazelcastRouting); without it a draining consumer drops requests");
    }
    return LOCAL;
  }

  private static LocalMap<String, ClusterRouting> map(Vertx vertx) {
    return vertx.sharedData().getLocalMap("cartwheel.cluster-routing");
  }
}
