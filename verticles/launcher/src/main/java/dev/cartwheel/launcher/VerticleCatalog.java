package dev.cartwheel.launcher;

import dev.cartwheel.bridge.BridgeConfig;
import dev.cartwheel.bridge.BridgeVerticle;
import dev.cartwheel.gateway.GatewayConfig;
import dev.cartwheel.gateway.GatewayVerticle;
import dev.cartwheel.inventory.InventoryConfig;
import dev.cartwheel.inventory.InventoryVerticle;
import dev.cartwheel.notifications.NotificationsConfig;
import dev.cartwheel.notifications.NotificationsVerticle;
import dev.cartwheel.orders.OrdersConfig;
import dev.cartwheel.orders.OrdersVerticle;
import dev.cartwheel.payments.PaymentsConfig;
import dev.cartwheel.payments.PaymentsVerticle;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.users.UsersConfig;
import dev.cartwheel.users.UsersVerticle;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every verticle a node can deploy, by the name operators use in {@code deploy}. The order is the
 * deployment order: domains first, the gateway last, so that it only listens once the domains answer
 * (and, undeployed first, stops taking requests before they go).
 */
final class VerticleCatalog {

  /** A deployable verticle and the check of its configuration, run before anything starts. */
  record Entry(String name, String className, Consumer<ConfigReader> validate) {}

  static final List<Entry> ENTRIES =
      List.of(
          new Entry("users", UsersVerticle.class.getName(), UsersConfig::from),
          new Entry("inventory", InventoryVerticle.class.getName(), InventoryConfig::from),
          new Entry("payments", PaymentsVerticle.class.getName(), PaymentsConfig::from),
          new Entry("orders", OrdersVerticle.class.getName(), OrdersConfig::from),
          new Entry(
              "notifications", NotificationsVerticle.class.getName(), NotificationsConfig::from),
          new Entry("bridge", BridgeVerticle.class.getName(), BridgeConfig::from),
          new Entry("gateway", GatewayVerticle.class.getName(), GatewayConfig::from));

  private VerticleCatalog() {}

  static Optional<Entry> find(String name) {
    return ENTRIES.stream().filter(entry -> entry.name().equals(name)).findFirst();
  }

  static List<String> names() {
    return ENTRIES.stream().map(Entry::name).toList();
  }
}
