package dev.cartwheel.codecs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cartwheel.codecs.inventory.InventoryError;
import dev.cartwheel.codecs.notifications.NotificationsError;
import dev.cartwheel.codecs.orders.OrdersError;
import dev.cartwheel.codecs.payments.PaymentsError;
import dev.cartwheel.codecs.users.GetProfile;
import dev.cartwheel.codecs.users.UsersError;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Arrays;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class CodecsTest {

  private EventBus bus;

  @BeforeEach
  void registerCodecs(Vertx vertx) {
    bus = vertx.eventBus();
    Codecs.registerAll(bus);
  }

  @Test
  @DisplayName(
      "after registerAll a record is sent as is, and a DomainFailure reply fails the request")
  void recordsAndFailuresTravelTheBus(VertxTestContext test) {
    GetProfile sent = new GetProfile(UUID.randomUUID());
    bus.<GetProfile>consumer(
        "test.profile",
        message -> {
          test.verify(() -> assertThat(message.body()).isSameAs(sent));
          message.reply(DomainFailure.of(UsersError.USER_NOT_FOUND, "no such user"));
        });

    bus.request("test.profile", sent)
        .onComplete(
            test.failing(
                error ->
                    test.verify(
                        () -> {
                          assertThat(error).isInstanceOf(DomainFailure.class);
                          assertThat(((DomainFailure) error).code()).isEqualTo("USER_NOT_FOUND");
                          assertThat(((ReplyException) error).failureCode()).isEqualTo(1103);
                          test.completeNow();
                        })));
  }

  @Test
  void codecNamesAreUniqueAndFailureCodesAreUniqueAcrossDomains() {
    assertThat(Codecs.messageTypes().map(type -> type.getSimpleName())).doesNotHaveDuplicates();
    var failureCodes = new HashSet<Integer>();
    Arrays.stream(CommonError.values())
        .forEach(e -> assertThat(failureCodes.add(e.failureCode())).isTrue());
    Stream.of(
            UsersError.values(),
            InventoryError.values(),
            PaymentsError.values(),
            OrdersError.values(),
            NotificationsError.values())
        .flatMap(Arrays::stream)
        .forEach(e -> assertThat(failureCodes.add(e.failureCode())).as(e.code()).isTrue());
  }
}
