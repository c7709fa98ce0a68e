package dev.cartwheel.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.inventory.Restock;
import dev.cartwheel.codecs.notifications.NotificationsContract;
import dev.cartwheel.codecs.notifications.NotifyUser;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.orders.PlaceOrder;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InboundTypesTest {

  @Test
  void aRestockBecomesAnIdempotentRestockCommand() {
    InboundTypes.Command command =
        InboundTypes.command(
            event(InboundTypes.RESTOCK, "e-1", "{\"sku\":\"CW-MUG-01\",\"quantity\":24}"));
    InboundTypes.Command again =
        InboundTypes.command(
            event(InboundTypes.RESTOCK, "e-1", "{\"sku\":\"CW-MUG-01\",\"quantity\":24}"));

    assertThat(command.address()).isEqualTo(InventoryContract.RESTOCK);
    Restock restock = (Restock) command.body();
    assertThat(restock.sku()).isEqualTo("CW-MUG-01");
    assertThat(restock.quantity()).isEqualTo(24);
    assertThat(restock.restockId())
        .matches("ce-[0-9a-f-]{36}")
        .isEqualTo(((Restock) again.body()).restockId());
  }

  @Test
  void aPartnerOrderKeysOnThePartnersOrderId() {
    UUID customer = UUID.randomUUID();
    String data =
        "{\"customerId\":\""
            + customer
            + "\",\"partnerOrderId\":\"ACME/1001\",\"lines\":[{\"sku\":\"CW-TEE-M\",\"quantity\":2}],"
            + "\"paymentToken\":\"tok_visa\"}";
    PlaceOrder first =
        (PlaceOrder) InboundTypes.command(event(InboundTypes.PARTNER_ORDER, "e-1", data)).body();
    PlaceOrder second =
        (PlaceOrder) InboundTypes.command(event(InboundTypes.PARTNER_ORDER, "e-2", data)).body();

    assertThat(first.userId()).isEqualTo(customer);
    assertThat(first.idempotencyKey())
        .matches("[A-Za-z0-9._:-]{1,128}")
        .isEqualTo(second.idempotencyKey());
    assertThat(OrdersContract.PLACE)
        .isEqualTo(InboundTypes.command(event(InboundTypes.PARTNER_ORDER, "e-3", data)).address());
  }

  @Test
  void aNotificationRequestKeysOnItsSourceAndId() {
    UUID user = UUID.randomUUID();
    String data =
        "{\"userId\":\"" + user + "\",\"title\":\"Your parcel left\",\"body\":\"Shipped.\"}";
    InboundTypes.Command command =
        InboundTypes.command(event(InboundTypes.NOTIFICATION_REQUEST, "n-1", data));
    NotifyUser notify = (NotifyUser) command.body();

    assertThat(command.address()).isEqualTo(NotificationsContract.NOTIFY);
    assertThat(notify.userId()).isEqualTo(user);
    assertThat(notify.title()).isEqualTo("Your parcel left");
    assertThat(notify.body()).isEqualTo("Shipped.");
    assertThat(notify.requestId())
        .isEqualTo(
            ((NotifyUser)
                    InboundTypes.command(event(InboundTypes.NOTIFICATION_REQUEST, "n-1", data))
                        .body())
                .requestId())
        .isNotEqualTo(
            ((NotifyUser)
                    InboundTypes.command(event(InboundTypes.NOTIFICATION_REQUEST, "n-2", data))
                        .body())
                .requestId());
    assertInvalidData(
        InboundTypes.NOTIFICATION_REQUEST,
        "{}",
        "{\"userId\":\"" + user + "\",\"title\":\"Hi\"}",
        "{\"userId\":\"" + user + "\",\"title\":\" \",\"body\":\"x\"}",
        "{\"userId\":\"" + user + "\",\"title\":\"" + "t".repeat(201) + "\",\"body\":\"x\"}",
        "{\"userId\":\"nobody\",\"title\":\"Hi\",\"body\":\"x\"}");
  }

  @Test
  void badDataIsInvalidData() {
    String[] bad = {
      "null",
      "[]",
      "not json",
      "{\"sku\":\"CW-MUG-01\"}",
      "{\"sku\":\"CW-MUG-01\",\"quantity\":0}",
      "{\"quantity\":3}",
      "{\"sku\":\"CW-MUG-01\",\"quantity\":\"many\"}",
      "{\"sku\":\"  \",\"quantity\":3}",
      "{\"sku\":\"CW-MUG-01\",\"quantity\":1000001}"
    };
    assertInvalidData(InboundTypes.RESTOCK, bad);
  }

  @Test
  void badPartnerOrdersAreInvalidData() {
    String line = "\"lines\":[{\"sku\":\"CW-TEE-M\",\"quantity\":2}]";
    String[] bad = {
      "null",
      "{}",
      "{\"partnerOrderId\":\"A-1\"," + line + ",\"paymentToken\":\"tok_visa\"}",
      "{\"customerId\":\"" + UUID.randomUUID() + "\"," + line + ",\"paymentToken\":\"tok_visa\"}",
      "{\"customerId\":\""
          + UUID.randomUUID()
          + "\",\"partnerOrderId\":\"A-1\",\"lines\":[],\"paymentToken\":\"tok_visa\"}",
      "{\"customerId\":\"" + UUID.randomUUID() + "\",\"partnerOrderId\":\"A-1\"," + line + "}",
      "{\"customerId\":\"not-a-uuid\",\"partnerOrderId\":\"A-1\","
          + line
          + ",\"paymentToken\":\"tok_visa\"}"
    };
    assertInvalidData(InboundTypes.PARTNER_ORDER, bad);
  }

  @Test
  void anInvalidDataDetailNamesEachFailingPlace() {
    Rejection rejection =
        catchThrowableOfType(
            Rejection.class,
            () ->
                InboundTypes.command(
                    event(
                        InboundTypes.PARTNER_ORDER,
                        "e",
                        "{\"customerId\":\"not-a-uuid\",\"partnerOrderId\":\"A-1\","
                            + "\"lines\":[{\"sku\":\"CW-TEE-M\",\"quantity\":\"two\"}]}")));
    assertThat(rejection.reason()).isEqualTo(Rejection.INVALID_DATA);
    assertThat(rejection.getMessage())
        .startsWith("data does not match the schema of " + InboundTypes.PARTNER_ORDER + ": ")
        .contains("/customerId: ", "/lines/0/quantity: ", "paymentToken");
  }

  @Test
  void anUnknownTypeIsNamed() {
    Rejection rejection =
        catchThrowableOfType(
            Rejection.class, () -> InboundTypes.command(event("dev.example.v1", "e", "{}")));
    assertThat(rejection.reason()).isEqualTo(Rejection.UNKNOWN_TYPE);
    assertThat(rejection.getMessage()).contains("dev.example.v1", InboundTypes.RESTOCK);
  }

  private static void assertInvalidData(String type, String... bad) {
    for (String data : bad) {
      Rejection rejection =
          catchThrowableOfType(Rejection.class, () -> InboundTypes.command(event(type, "e", data)));
      assertThat(rejection).as(data).isNotNull();
      assertThat(rejection.reason()).as(data).isEqualTo(Rejection.INVALID_DATA);
    }
  }

  private static CloudEvent event(String type, String id, String data) {
    return CloudEventBuilder.v1()
        .withId(id)
        .withSource(URI.create("/warehouses/berlin"))
        .withType(type)
        .withDataContentType("application/json")
        .withData(data.getBytes(StandardCharsets.UTF_8))
        .build();
  }
}
