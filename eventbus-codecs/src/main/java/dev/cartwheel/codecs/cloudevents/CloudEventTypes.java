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
 * The CloudEvent types on Kafka: every domain event leaves as {@code dev.cartwheel.<domain>.<event>.v1}
 * (its event-bus address with {@code evt} dropped), and the bridge takes in {@link #inbound()}.
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

  private static final String EVT = ".evt.";

  private CloudEventTypes() {}

  /** {@code orders.evt.order-placed} → {@code dev.cartwheel.orders.order-placed.v1}. */
  public static String of(String address) {
    int evt = address.indexOf(EVT);
    if (evt <= 0 || evt + EVT.length() == address.length()) {
      throw new IllegalArgumentException("not an event address: " + address);
    }
    return "dev.cartwheel."
        + address.substring(0, evt)
        + "."
        + address.substring(evt + EVT.length())
        + ".v1";
  }

  /** Every outbound type, with the event-bus address it comes from. */
  public static SortedMap<String, String> outbound() {
    SortedMap<String, String> types = new TreeMap<>();
    EVENTS_BY_DOMAIN.values().stream()
        .flatMap(events -> events.keySet().stream())
        .forEach(address -> types.put(of(address), address));
    return types;
  }

  /** The types outside producers may send. */
  public static List<String> inbound() {
    return BridgeContract.INBOUND_TYPES;
  }
}
