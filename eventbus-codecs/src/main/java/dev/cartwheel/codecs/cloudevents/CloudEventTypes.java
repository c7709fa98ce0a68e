package dev.cartwheel.codecs.cloudevents;

import dev.cartwheel.codecs.DomainEvent;
import dev.cartwheel.codecs.bridge.BridgeContract;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.notifications.NotificationsContract;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.codecs.users.UsersContract;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The CloudEvent types on Kafka: every domain event leaves as {@code dev.cartwheel.<domain>.<event>.vN}
 * (its event-bus address with {@code evt} dropped, at its current version), and the bridge takes in
 * {@link #inbound()}.
 */
public final class CloudEventTypes {

  /** The domains whose events leave on Kafka, each on its own topic. */
  public static final Map<String, Map<String, Class<? extends DomainEvent>>> EVENTS_BY_DOMAIN =
      Map.of(
          UsersContract.DOMAIN, UsersContract.EVENTS,
          InventoryContract.DOMAIN, InventoryContract.EVENTS,
          PaymentsContract.DOMAIN, PaymentsContract.EVENTS,
          OrdersContract.DOMAIN, OrdersContract.EVENTS,
          NotificationsContract.DOMAIN, NotificationsContract.EVENTS);

  /**
   * The events whose data changed in a way that would break their consumers, by event-bus address: the
   * versions before the current one that are still described (their schemas stay), newest first. The
   * current version is the next number. Empty while every type is at v1; see docs/event-contracts.md.
   */
  public static final Map<String, List<PreviousVersion>> PREVIOUS_VERSIONS = Map.of();

  private static final String EVT = ".evt.";

  private CloudEventTypes() {}

  /** {@code orders.evt.order-placed} → {@code dev.cartwheel.orders.order-placed.v1}, at its current version. */
  public static String of(String address) {
    return of(address, currentVersion(address, PREVIOUS_VERSIONS));
  }

  /** The type of {@code address}'s events at {@code version}. */
  public static String of(String address, int version) {
    int evt = address.indexOf(EVT);
    if (evt <= 0 || evt + EVT.length() == address.length()) {
      throw new IllegalArgumentException("not an event address: " + address);
    }
    return "dev.cartwheel."
        + address.substring(0, evt)
        + "."
        + address.substring(evt + EVT.length())
        + ".v"
        + version;
  }

  /** One after the newest of {@code previous}, or 1. */
  public static int currentVersion(String address, Map<String, List<PreviousVersion>> previous) {
    List<PreviousVersion> versions = previous.getOrDefault(address, List.of());
    return versions.isEmpty() ? 1 : versions.get(0).version() + 1;
  }

  /** Every outbound type, current and previous, with the event-bus address it comes from. */
  public static SortedMap<String, String> outbound() {
    SortedMap<String, String> types = new TreeMap<>();
    EVENTS_BY_DOMAIN.values().stream()
        .flatMap(events -> events.keySet().stream())
        .forEach(
            address -> {
              types.put(of(address), address);
              PREVIOUS_VERSIONS
                  .getOrDefault(address, List.of())
                  .forEach(previous -> types.put(of(address, previous.version()), address));
            });
    return types;
  }

  /** The previous versions' types, each a type still published while its window is open. */
  public static List<String> previous() {
    return PREVIOUS_VERSIONS.entrySet().stream()
        .flatMap(
            entry ->
                entry.getValue().stream().map(version -> of(entry.getKey(), version.version())))
        .sorted()
        .toList();
  }

  /** The types outside producers may send. */
  public static List<String> inbound() {
    return BridgeContract.INBOUND_TYPES;
  }
}
