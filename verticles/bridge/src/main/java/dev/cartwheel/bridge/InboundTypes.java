package dev.cartwheel.bridge;

import dev.cartwheel.codecs.RecordJson;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.Restock;
import dev.cartwheel.codecs.orders.OrderLine;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.orders.PlaceOrder;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The CloudEvent types outside producers may send, each with its data schema (a record, read from JSON)
 * and the event-bus command it becomes. Checks here are about shape; the domain judges the rest
 * (an unknown sku is its PRODUCT_NOT_FOUND).
 */
final class InboundTypes {

  /** A warehouse received stock. Data: {@code {"sku": "CW-MUG-01", "quantity": 24}}. */
  static final String RESTOCK = "dev.cartwheel.warehouse.restock.v1";

  /**
   * A partner channel took an order for one of our customers. Data: {@code {"customerId": uuid,
   * "partnerOrderId": "...", "lines": [{"sku": "...", "quantity": 1}], "paymentToken": "tok_..."}}.
   */
  static final String PARTNER_ORDER = "dev.cartwheel.partner.order.v1";

  /** An event-bus request: where, and what. */
  record Command(String address, Object body) {}

  record RestockData(String sku, int quantity) {}

  record PartnerOrderData(
      UUID customerId, String partnerOrderId, List<OrderLine> lines, String paymentToken) {}

  private static final int MAX_QUANTITY = 1_000_000;

  private static final Map<String, Function<CloudEvent, Command>> TYPES =
      Map.of(
          RESTOCK, InboundTypes::restock,
          PARTNER_ORDER, InboundTypes::partnerOrder);

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
    require(data.sku() != null && !data.sku().isBlank(), "sku is required");
    require(
        data.quantity() >= 1 && data.quantity() <= MAX_QUANTITY,
        "quantity must be between 1 and " + MAX_QUANTITY);
    return new Command(
        InventoryContract.RESTOCK,
        new Restock(
            data.sku(), data.quantity(), "ce-" + key(event.getSource() + "\n" + event.getId())));
  }

  /** The partner's order id (with the source) makes the idempotency key: the same partner order is placed once, even sent twice. */
  private static Command partnerOrder(CloudEvent event) {
    PartnerOrderData data = data(event, PartnerOrderData.class);
    require(data.customerId() != null, "customerId is required");
    require(
        data.partnerOrderId() != null && !data.partnerOrderId().isBlank(),
        "partnerOrderId is required");
    require(data.lines() != null && !data.lines().isEmpty(), "lines are required");
    require(data.paymentToken() != null, "paymentToken is required");
    String idempotencyKey = "partner-" + key(event.getSource() + "\n" + data.partnerOrderId());
    return new Command(
        OrdersContract.PLACE,
        new PlaceOrder(data.customerId(), idempotencyKey, data.lines(), data.paymentToken()));
  }

  /** A short, stable key the domains accept ([A-Za-z0-9-]), whatever characters the producer used. */
  private static String key(String text) {
    return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static <T> T data(CloudEvent event, Class<T> schema) {
    if (event.getData() == null) {
      throw new Rejection(Rejection.INVALID_DATA, event.getType() + " needs data");
    }
    String contentType = event.getDataContentType();
    require(
        contentType == null || contentType.startsWith("application/json"),
        "data must be application/json, not " + contentType);
    T data;
    try {
      data =
          RecordJson.decode(new String(event.getData().toBytes(), StandardCharsets.UTF_8), schema);
    } catch (IllegalArgumentException e) {
      throw new Rejection(Rejection.INVALID_DATA, e.getMessage());
    }
    require(data != null, event.getType() + " data must be a JSON object, not null");
    return data;
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new Rejection(Rejection.INVALID_DATA, problem);
    }
  }
}
