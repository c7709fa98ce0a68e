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
 * Every verticle a node can deploy, by the name operators use in {@code deploy}: the one list of them,
 * which the tests, the container kit's check and docs/adding-a-domain.md read. The order is the
 * deployment order: domains first, the gateway last, so that it only listens once the domains answer
 * (and, undeployed first, stops taking requests before they go).
 */
final class VerticleCatalog {

  /**
   * A deployable verticle and the check of its configuration, run before anything starts. A domain owns the
   * database schema of its name and announces itself in the service registry; the gateway does neither.
   */
  record Entry(String name, String className, Consumer<ConfigReader> validate, boolean domain) {}

  static final List<Entry> ENTRIES =
      List.of(
          domain("users", UsersVerticle.class, UsersConfig::from),
          domain("inventory", InventoryVerticle.class, InventoryConfig::from),
          domain("payments", PaymentsVerticle.class, PaymentsConfig::from),
          domain("orders", OrdersVerticle.class, OrdersConfig::from),
          domain("notifications", NotificationsVerticle.class, NotificationsConfig::from),
          domain("bridge", BridgeVerticle.class, BridgeConfig::from),
          new Entry("gateway", GatewayVerticle.class.getName(), GatewayConfig::from, false));

  private VerticleCatalog() {}

  static Optional<Entry> find(String name) {
    return ENTRIES.stream().filter(entry -> entry.name().equals(name)).findFirst();
  }

  static List<String> names() {
    return ENTRIES.stream().map(Entry::name).toList();
  }

  /** The domains' names: their database schemas and their service records are named so. */
  static List<String> domains() {
    return ENTRIES.stream().filter(Entry::domain).map(Entry::name).toList();
  }

  private static Entry domain(String name, Class<?> verticle, Consumer<ConfigReader> validate) {
    return new Entry(name, verticle.getName(), validate, true);
  }
}
