package dev.cartwheel.codecs;

import dev.cartwheel.codecs.bridge.BridgeContract;
import dev.cartwheel.codecs.config.ConfigContract;
import dev.cartwheel.codecs.inventory.InventoryContract;
import dev.cartwheel.codecs.notifications.NotificationsContract;
import dev.cartwheel.codecs.orders.OrdersContract;
import dev.cartwheel.codecs.payments.PaymentsContract;
import dev.cartwheel.codecs.users.UsersContract;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import java.util.stream.Stream;

/**
 * Registers every codec of the platform. The launcher and every test call {@link #registerAll} once per
 * Vert.x instance: a codec missing on one node fails requests with {@code ReplyFailure.ERROR}.
 */
public final class Codecs {

  /** Every message record, by contract. A new contract adds its list here. */
  static final List<Contract> CONTRACTS =
      List.of(
          new Contract(UsersContract.DOMAIN, UsersContract.MESSAGES),
          new Contract(InventoryContract.DOMAIN, InventoryContract.MESSAGES),
          new Contract(PaymentsContract.DOMAIN, PaymentsContract.MESSAGES),
          new Contract(OrdersContract.DOMAIN, OrdersContract.MESSAGES),
          new Contract(NotificationsContract.DOMAIN, NotificationsContract.MESSAGES),
          new Contract(BridgeContract.DOMAIN, BridgeContract.MESSAGES),
          new Contract(ConfigContract.DOMAIN, ConfigContract.MESSAGES));

  record Contract(String domain, List<Class<? extends Record>> messages) {}

  private Codecs() {}

  public static void registerAll(EventBus bus) {
    CONTRACTS.forEach(
        contract -> contract.messages().forEach(type -> register(bus, contract.domain(), type)));
    bus.registerDefaultCodec(DomainFailure.class, new DomainFailureCodec());
  }

  /** All message record types, for tests that check each one. */
  public static Stream<Class<? extends Record>> messageTypes() {
    return CONTRACTS.stream().flatMap(contract -> contract.messages().stream());
  }

  static String codecName(String domain, Class<?> type) {
    return domain + "." + type.getSimpleName();
  }

  private static <T extends Record> void register(EventBus bus, String domain, Class<T> type) {
    bus.registerDefaultCodec(type, new RecordCodec<>(type, codecName(domain, type)));
  }
}
