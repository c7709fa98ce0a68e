package dev.cartwheel.launcher;

import com.hazelcast.config.Config;
import dev.cartwheel.runtime.bus.ClusterRouting;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.core.spi.cluster.RegistrationListener;
import io.vertx.core.spi.cluster.RegistrationUpdateEvent;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hazelcast cluster manager, able to take one consumer out of the event bus's routing before the
 * consumer unregisters (see {@link ClusterRouting}). Vert.x does not say which cluster registration a
 * consumer made, so this notes the registrations made on the calling thread while it registers one: Vert.x
 * makes them synchronously, inside {@code consumer(address, handler)}.
 *
 * <p>With cluster TLS, it also publishes this node's proof of membership with its node information, and
 * hands the event bus's node selector only the registrations of members whose proof verifies (see {@link
 * TrustedNodes}), through the cluster-manager SPI the selector reads them from.
 */
final class HazelcastRouting extends HazelcastClusterManager implements ClusterRouting {

  private static final ThreadLocal<List<RegistrationInfo>> REGISTERING = new ThreadLocal<>();

  /** Null without cluster TLS: then every member is routed to. */
  private final TrustedNodes trusted;

  HazelcastRouting(Config config, TrustedNodes trusted) {
    super(config);
    this.trusted = trusted;
  }

  @Override
  public <T> Routed<T> consumer(Vertx vertx, String address, Handler<Message<T>> handler) {
    List<RegistrationInfo> made = new ArrayList<>(1);
    REGISTERING.set(made);
    MessageConsumer<T> consumer;
    try {
      consumer = vertx.eventBus().consumer(address, handler);
    } finally {
      REGISTERING.remove();
    }
    return new Routed<>(
        consumer,
        () -> {
          // removing it again when the consumer unregisters is a no-op
          List<Future<Void>> removed =
              made.stream()
                  .map(
                      registration -> {
                        Promise<Void> promise = Promise.promise();
                        removeRegistration(address, registration, promise);
                        return promise.future();
                      })
                  .toList();
          return Future.join(removed).mapEmpty();
        });
  }

  @Override
  public void addRegistration(
      String address, RegistrationInfo registrationInfo, Completable<Void> promise) {
    List<RegistrationInfo> made = REGISTERING.get();
    if (made != null) {
      made.add(registrationInfo);
    }
    super.addRegistration(address, registrationInfo, promise);
  }

  @Override
  public void setNodeInfo(NodeInfo nodeInfo, Completable<Void> promise) {
    super.setNodeInfo(trusted == null ? nodeInfo : trusted.attest(getNodeId(), nodeInfo), promise);
  }

  @Override
  public void getRegistrations(String address, Completable<List<RegistrationInfo>> promise) {
    if (trusted == null) {
      super.getRegistrations(address, promise);
      return;
    }
    Promise<List<RegistrationInfo>> all = Promise.promise();
    super.getRegistrations(address, all);
    all.future().compose(this::judgedTrusted).onComplete(promise);
  }

  @Override
  public void registrationListener(RegistrationListener listener) {
    super.registrationListener(trusted == null ? listener : new TrustedOnly(listener));
  }

  /** The registrations of trusted members, once every member among them has been judged. */
  private Future<List<RegistrationInfo>> judgedTrusted(List<RegistrationInfo> registrations) {
    List<Future<Boolean>> judged =
        registrations.stream()
            .map(RegistrationInfo::nodeId)
            .distinct()
            .filter(nodeId -> trusted.verdict(nodeId) == null)
            .map(this::judge)
            .toList();
    // a judgement never fails (a member without information is left out), so the join succeeds
    return Future.join(judged).map(ignored -> trustedOnly(registrations));
  }

  private Future<Boolean> judge(String nodeId) {
    Promise<NodeInfo> info = Promise.promise();
    getNodeInfo(nodeId, info);
    // a member without information yet is left out, and judged again the next time
    return info.future().map(found -> trusted.judge(nodeId, found)).otherwise(false);
  }

  private List<RegistrationInfo> trustedOnly(List<RegistrationInfo> registrations) {
    return registrations.stream()
        .filter(registration -> Boolean.TRUE.equals(trusted.verdict(registration.nodeId())))
        .toList();
  }

  /**
   * Tells the event bus's node selector of trusted members' registrations only. Hazelcast calls this on
   * its event thread, which must not wait: a member not judged yet is left out at first, and when it turns
   * out trusted, the selector is told of the address again.
   */
  private final class TrustedOnly implements RegistrationListener {
    private final RegistrationListener selector;

    TrustedOnly(RegistrationListener selector) {
      this.selector = selector;
    }

    @Override
    public void registrationsUpdated(RegistrationUpdateEvent event) {
      String address = event.address();
      List<RegistrationInfo> trustedNow = trustedOnly(event.registrations());
      selector.registrationsUpdated(new RegistrationUpdateEvent(address, trustedNow));
      judgedTrusted(event.registrations())
          .onSuccess(
              trustedLater -> {
                if (trustedLater.size() > trustedNow.size() && selector.wantsUpdatesFor(address)) {
                  getRegistrations(
                      address,
                      (current, failure) -> {
                        if (failure == null) {
                          selector.registrationsUpdated(
                              new RegistrationUpdateEvent(address, current));
                        }
                      });
                }
              });
    }

    @Override
    public void registrationsLost() {
      selector.registrationsLost();
    }

    @Override
    public boolean wantsUpdatesFor(String address) {
      return selector.wantsUpdatesFor(address);
    }
  }
}
