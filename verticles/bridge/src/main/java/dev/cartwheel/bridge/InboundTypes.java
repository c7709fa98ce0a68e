package dev.cartwheel.bridge;

import dev.cartwheel.codecs.RecordJson;
import dev.cartwheel.codecs.bridge.BridgeContract;
import dev.cartwheel.codecs.cloudevents.EventSchemas;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.Restock;
import dev.cartwheel.codecs.notifications.NotificationsContract;
import dev.cartwheel.codecs.notifications.NotifyUser;
import dev.cartwheel.codecs.orders.OrderLine;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.orders.PlaceOrder;
import io.cloudevents.CloudEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The CloudEvent types outside producers may send ({@link BridgeContract#INBOUND_TYPES}) and the
 * event-bus command each becomes. Their data must match the type's published JSON Schema (the shape);
 * the domain judges the rest (an unknown sku is its PRODUCT_NOT_FOUND).
 */
final class InboundTypes {

  static final String RESTOCK = BridgeContract.RESTOCK_TYPE;

  static final String PARTNER_ORDER = BridgeContract.PARTNER_ORDER_TYPE;

  static final String NOTIFICATION_REQUEST = BridgeContract.NOTIFICATION_REQUEST_TYPE;

  private static final EventSchemas SCHEMAS = EventSchemas.load();

  /** An event-bus request: where, and what. */
  record Command(String address, Object body) {}

  record RestockData(String sku, int quantity) {}

  record PartnerOrderData(
      UUID customerId, String partnerOrderId, List<OrderLine> lines, String paymentToken) {}

  record NotificationRequestData(UUID userId, String title, String body) {}

  private static final Map<String, Function<CloudEvent, Command>> TYPES =
      Map.of(
          RESTOCK, InboundTypes::restock,
          PARTNER_ORDER, InboundTypes::partnerOrder,
          NOTIFICATION_REQUEST, InboundTypes::notificationRequest);

  private InboundTypes() {}

  static boolean isKnown(String type) {
    return type != null && TYPES.containsKey(type);
  }

  /** The command this event asks for; a {@link Rejection} when the type is unknown or the data is wrong. */
  static Command command(CloudEvent event) {
    Function<CloudEvent, Command> type = TYPES.get(event.getType());
    if (type == null) {
      throw new Rejection(
          Rejection.UNKNOWN_TYPE,
          "no inbound type "
              + event.getType()
              + " (known: "
              + String.join(", ", TYPES.keySet())
              + ")");
    }
    try {
      return type.apply(event);
    } catch (Rejection rejection) {
      throw rejection;
    } catch (RuntimeException unexpected) {
      // whatever a check here did not foresee must not stall the partition: the record is at fault
      throw new Rejection(
          Rejection.INVALID_DATA, "unreadable " + event.getType() + " data: " + unexpected);
    }
  }

  /** The restock id comes from the event's source and id: inventory applies one restock id once, whoever replays it. */
  private static Command restock(CloudEvent event) {
    RestockData data = data(event, RestockData.class);
    return new Command(
        InventoryContract.RESTOCK,
        new Restock(
            data.sku(), data.quantity(), "ce-" + key(event.getSource() + "\n" + event.getId())));
  }

  /** The partner's order id (with the source) makes the idempotency key: the same partner order is placed once, even sent twice. */
  private static Command partnerOrder(CloudEvent event) {
    PartnerOrderData data = data(event, PartnerOrderData.class);
    String idempotencyKey = "partner-" + key(event.getSource() + "\n" + data.partnerOrderId());
    return new Command(
        OrdersContract.PLACE,
        new PlaceOrder(data.customerId(), idempotencyKey, data.lines(), data.paymentToken()));
  }

  /** The request id comes from the event's source and id: the user is notified once per message, whoever replays it. */
  private static Command notificationRequest(CloudEvent event) {
    NotificationRequestData data = data(event, NotificationRequestData.class);
    return new Command(
        NotificationsContract.NOTIFY,
        new NotifyUser(
            data.userId(),
            data.title(),
            data.body(),
            UUID.nameUUIDFromBytes(
                (event.getSource() + "\n" + event.getId()).getBytes(StandardCharsets.UTF_8))));
  }

  /** A short, stable key the domains accept ([A-Za-z0-9-]), whatever characters the producer used. */
  private static String key(String text) {
    return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** The data, checked against the type's schema (the detail names each failing place), as a record. */
  private static <T> T data(CloudEvent event, Class<T> record) {
    if (event.getData() == null) {
      throw new Rejection(Rejection.INVALID_DATA, event.getType() + " needs data");
    }
    String contentType = event.getDataContentType();
    require(
        contentType == null || contentType.startsWith("application/json"),
        "data must be application/json, not " + contentType);
    String json = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    Object parsed;
    try {
      parsed = Json.decodeValue(json);
    } catch (DecodeException e) {
      throw new Rejection(Rejection.INVALID_DATA, "data is not JSON: " + e.getMessage());
    }
    List<String> violations = SCHEMAS.violations(event.getType(), parsed);
    require(
        violations.isEmpty(),
        "data does not match the schema of "
            + event.getType()
            + ": "
            + String.join("; ", violations));
    try {
      return RecordJson.decode(json, record);
    } catch (IllegalArgumentException e) {
      throw new Rejection(Rejection.INVALID_DATA, e.getMessage());
    }
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new Rejection(Rejection.INVALID_DATA, problem);
    }
  }
}
