package dev.cartwheel.runtime.discovery;

import dev.cartwheel.runtime.node.Node;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.servicediscovery.Record;
import io.vertx.servicediscovery.ServiceDiscovery;
import io.vertx.servicediscovery.ServiceDiscoveryOptions;
import io.vertx.servicediscovery.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The cluster's directory of running domain services. Each domain verticle instance publishes one record
 * (name, event-bus addresses, version, release, node, status) once its consumers are registered, and withdraws it
 * when it drains. Built on vertx-service-discovery, deprecated in Vert.x 5: this is the only class that
 * touches it, so moving to the Vert.x Service Resolver changes one place.
 *
 * <p>Records live in a cluster-wide map (Hazelcast when clustered), so a node that dies cannot withdraw
 * its own: {@link #maintain} removes the records of nodes that are no longer members, and puts back this
 * node's records when they went missing (a node frozen long enough to be dropped, then healed).
 * One instance per Vert.x instance ({@link #of}); thread-safe.
 */
public final class ServiceRegistry implements Shareable {

  /** Every publication and withdrawal is announced here (the record as JSON). */
  public static final String ANNOUNCE = "cartwheel.services.announce";

  private static final String TYPE = "event-bus";
  private static final String MAP = "cartwheel.discovery";

  /** One published record, as the gateway and operators see it. */
  public record Service(
      String name,
      String node,
      String version,
      String release,
      String status,
      List<String> addresses,
      String registration) {

    public boolean up() {
      return Status.UP.name().equals(status);
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("name", name)
          .put("node", node)
          .put("version", version)
          .put("release", release)
          .put("status", status)
          .put("addresses", new JsonArray(addresses))
          .put("registration", registration);
    }
  }

  private final ServiceDiscovery discovery;
  private final Node node;

  /** This node's publications: a key of ours → the record as currently registered. */
  private final Map<String, Record> own = new ConcurrentHashMap<>();

  private ServiceRegistry(Vertx vertx) {
    this.discovery =
        ServiceDiscovery.create(
            vertx, new ServiceDiscoveryOptions().setName("cartwheel").setAnnounceAddress(ANNOUNCE));
    this.node = Node.of(vertx);
  }

  public static ServiceRegistry of(Vertx vertx) {
    LocalMap<String, ServiceRegistry> map = vertx.sharedData().getLocalMap(MAP);
    return map.computeIfAbsent("registry", ignored -> new ServiceRegistry(vertx));
  }

  /** Publishes a service instance on this node; the returned key withdraws it. */
  public Future<String> publish(String name, List<String> addresses) {
    Record record =
        new Record()
            .setName(name)
            .setType(TYPE)
            .setStatus(Status.UP)
            .setLocation(new JsonObject().put("addresses", new JsonArray(addresses)))
            .setMetadata(
                new JsonObject()
                    .put("node", node.id())
                    .put("version", node.build().version())
                    .put("release", node.release()));
    String key = UUID.randomUUID().toString();
    return discovery
        .publish(record)
        .map(
            published -> {
              own.put(key, published);
              return key;
            });
  }

  /** Withdraws a publication of this node (nothing happens if it is already gone). */
  public Future<Void> withdraw(String key) {
    Record record = own.remove(key);
    return record == null
        ? Future.succeededFuture()
        : discovery.unpublish(record.getRegistration()).otherwiseEmpty();
  }

  /** Every record in the cluster, UP or not. */
  public Future<List<Service>> services() {
    return discovery
        .getRecords(record -> true, true)
        .map(records -> records.stream().map(ServiceRegistry::service).toList());
  }

  /**
   * Removes the records of nodes not in {@code members} and republishes this node's records that are
   * missing. Safe to run on every node at once: removing a record twice is harmless.
   */
  public Future<Void> maintain(Collection<String> members) {
    return discovery
        .getRecords(record -> true, true)
        .compose(
            records -> {
              List<Future<?>> work = new ArrayList<>();
              Set<String> registered =
                  records.stream().map(Record::getRegistration).collect(Collectors.toSet());
              for (Record record : records) {
                if (!members.contains(nodeOf(record))) {
                  work.add(discovery.unpublish(record.getRegistration()).otherwiseEmpty());
                }
              }
              own.forEach(
                  (key, record) -> {
                    if (!registered.contains(record.getRegistration())) {
                      work.add(republish(key, record));
                    }
                  });
              return Future.join(work).mapEmpty();
            });
  }

  private Future<Void> republish(String key, Record lost) {
    Record copy = new Record(lost.toJson()).setRegistration(null);
    return discovery
        .publish(copy)
        .compose(
            published ->
                own.replace(key, lost, published)
                    ? Future.<Void>succeededFuture()
                    // withdrawn meanwhile: take the copy back
                    : discovery.unpublish(published.getRegistration()).otherwiseEmpty());
  }

  private static String nodeOf(Record record) {
    return record.getMetadata().getString("node", "");
  }

  private static Service service(Record record) {
    List<String> addresses =
        record.getLocation().getJsonArray("addresses", new JsonArray()).stream()
            .map(String::valueOf)
            .toList();
    return new Service(
        record.getName(),
        nodeOf(record),
        record.getMetadata().getString("version", ""),
        record.getMetadata().getString("release", ""),
        record.getStatus().name(),
        addresses,
        record.getRegistration());
  }
}
