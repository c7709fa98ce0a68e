package dev.cartwheel.codecs;

import static java.util.Map.entry;

import dev.cartwheel.codecs.bridge.CountDeadLetters;
import dev.cartwheel.codecs.bridge.DeadLetterCounts;
import dev.cartwheel.codecs.bridge.ReplayDeadLetters;
import dev.cartwheel.codecs.bridge.ReplayResult;
import dev.cartwheel.codecs.config.ConfigChanged;
import dev.cartwheel.codecs.inventory.CommitReservation;
import dev.cartwheel.codecs.inventory.CreateProduct;
import dev.cartwheel.codecs.inventory.GetProduct;
import dev.cartwheel.codecs.inventory.ListProducts;
import dev.cartwheel.codecs.inventory.Product;
import dev.cartwheel.codecs.inventory.ProductCreated;
import dev.cartwheel.codecs.inventory.ProductPage;
import dev.cartwheel.codecs.inventory.Quotation;
import dev.cartwheel.codecs.inventory.Quote;
import dev.cartwheel.codecs.inventory.QuotedLine;
import dev.cartwheel.codecs.inventory.ReleaseReservation;
import dev.cartwheel.codecs.inventory.Reservation;
import dev.cartwheel.codecs.inventory.ReservationExpired;
import dev.cartwheel.codecs.inventory.ReservationStatus;
import dev.cartwheel.codecs.inventory.Reserve;
import dev.cartwheel.codecs.inventory.Restock;
import dev.cartwheel.codecs.inventory.RestockAll;
import dev.cartwheel.codecs.inventory.RestockResults;
import dev.cartwheel.codecs.inventory.StockCommitted;
import dev.cartwheel.codecs.inventory.StockLine;
import dev.cartwheel.codecs.inventory.StockRejected;
import dev.cartwheel.codecs.inventory.StockReleased;
import dev.cartwheel.codecs.inventory.StockReserved;
import dev.cartwheel.codecs.inventory.StockRestocked;
import dev.cartwheel.codecs.notifications.ListNotifications;
import dev.cartwheel.codecs.notifications.MarkRead;
import dev.cartwheel.codecs.notifications.Notification;
import dev.cartwheel.codecs.notifications.NotificationCreated;
import dev.cartwheel.codecs.notifications.NotificationKinds;
import dev.cartwheel.codecs.notifications.NotificationList;
import dev.cartwheel.codecs.notifications.NotificationPage;
import dev.cartwheel.codecs.notifications.NotificationsAfter;
import dev.cartwheel.codecs.notifications.NotifyUser;
import dev.cartwheel.codecs.orders.CancelOrder;
import dev.cartwheel.codecs.orders.CancelReasons;
import dev.cartwheel.codecs.orders.GetOrder;
import dev.cartwheel.codecs.orders.ListOrders;
import dev.cartwheel.codecs.orders.Order;
import dev.cartwheel.codecs.orders.OrderCancelled;
import dev.cartwheel.codecs.orders.OrderConfirmed;
import dev.cartwheel.codecs.orders.OrderLine;
import dev.cartwheel.codecs.orders.OrderPage;
import dev.cartwheel.codecs.orders.OrderPlaced;
import dev.cartwheel.codecs.orders.OrderStatus;
import dev.cartwheel.codecs.orders.PlaceOrder;
import dev.cartwheel.codecs.orders.PricedLine;
import dev.cartwheel.codecs.orders.Requester;
import dev.cartwheel.codecs.payments.Authorize;
import dev.cartwheel.codecs.payments.GetPayment;
import dev.cartwheel.codecs.payments.Payment;
import dev.cartwheel.codecs.payments.PaymentAuthorized;
import dev.cartwheel.codecs.payments.PaymentDeclined;
import dev.cartwheel.codecs.payments.PaymentRefunded;
import dev.cartwheel.codecs.payments.PaymentStatus;
import dev.cartwheel.codecs.payments.Refund;
import dev.cartwheel.codecs.users.GetProfile;
import dev.cartwheel.codecs.users.Login;
import dev.cartwheel.codecs.users.RegisterUser;
import dev.cartwheel.codecs.users.Session;
import dev.cartwheel.codecs.users.UserProfile;
import dev.cartwheel.codecs.users.UserRegistered;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One realistic instance of every message record; a record without a sample fails {@link RecordCodecTest}. */
public final class MessageSamples {

  static final Instant NOW = Instant.parse("2026-11-23T10:15:30.123456Z");
  static final UUID ORDER = UUID.fromString("0b9f3c52-3f5e-4a59-9a41-4b1c3a7e8d21");
  static final UUID EVENT = UUID.fromString("a7c1d2e3-4f50-4617-8829-9a0b1c2d3e4f");

  static final UserProfile PROFILE =
      new UserProfile(
          UUID.fromString("6f1c1e9e-6a55-4a2e-9d38-8d2b0a6b9f10"),
          "ada@example.com",
          "Ada Lovelace",
          List.of(Roles.CUSTOMER),
          NOW);
  static final Product PRODUCT =
      new Product("CW-MUG-01", "Cartwheel mug", "Stoneware, 350 ml", 1290, "EUR", 40, 3);
  static final List<StockLine> STOCK_LINES =
      List.of(new StockLine("CW-MUG-01", 2), new StockLine("CW-TEE-M", 1));
  static final Order ORDER_VIEW =
      new Order(
          ORDER,
          PROFILE.id(),
          OrderStatus.CONFIRMED,
          null,
          List.of(new PricedLine("CW-MUG-01", 2, 1290), new PricedLine("CW-TEE-M", 1, 2490)),
          5070,
          "EUR",
          NOW,
          NOW);
  static final Payment PAYMENT =
      new Payment(ORDER, PaymentStatus.AUTHORIZED, 5070, "EUR", "sim_8f2a", null, NOW);

  static final Notification NOTIFICATION =
      new Notification(
          EVENT,
          PROFILE.id(),
          NotificationKinds.ORDER_CANCELLED,
          "Order cancelled",
          "Order 0b9f3c52 was cancelled: the payment was declined.",
          ORDER,
          "CANCELLED",
          CancelReasons.PAYMENT_DECLINED,
          NOW,
          null);

  public static final Map<Class<? extends Record>, Record> SAMPLES =
      Map.ofEntries(
          entry(
              RegisterUser.class,
              new RegisterUser("ada@example.com", "analytical-engine-1843", "Ada Lovelace")),
          entry(Login.class, new Login("ada@example.com", "analytical-engine-1843")),
          entry(GetProfile.class, new GetProfile(PROFILE.id())),
          entry(UserProfile.class, PROFILE),
          entry(
              Session.class,
              new Session(
                  PROFILE, "eyJhbGciOiJFUzI1NiJ9.e30.c2ln", Instant.parse("2026-11-23T11:15:30Z"))),
          entry(UserRegistered.class, new UserRegistered(EVENT, NOW, PROFILE)),
          entry(ListProducts.class, new ListProducts("mug", 0, 20)),
          entry(ProductPage.class, new ProductPage(List.of(PRODUCT), 0, 20, 1)),
          entry(GetProduct.class, new GetProduct("CW-MUG-01")),
          entry(Product.class, PRODUCT),
          entry(
              CreateProduct.class,
              new CreateProduct(
                  "CW-MUG-01", "Cartwheel mug", "Stoneware, 350 ml", 1290, "EUR", 40)),
          entry(Restock.class, new Restock("CW-MUG-01", 25, "delivery-2026-11-23-7")),
          entry(
              RestockAll.class,
              new RestockAll(
                  List.of(
                      new Restock("CW-MUG-01", 25, "delivery-2026-11-23-7"),
                      new Restock("CW-TEE-M", 5, "delivery-2026-11-23-8")))),
          entry(
              RestockResults.class,
              new RestockResults(
                  List.of(
                      RestockResults.Result.APPLIED,
                      new RestockResults.Result(
                          "PRODUCT_NOT_FOUND", "No product has SKU CW-TEE-M.")))),
          entry(Quote.class, new Quote(STOCK_LINES)),
          entry(
              Quotation.class,
              new Quotation(
                  List.of(
                      new QuotedLine("CW-MUG-01", 2, 1290), new QuotedLine("CW-TEE-M", 1, 2490)),
                  5070,
                  "EUR")),
          entry(Reserve.class, new Reserve(ORDER, STOCK_LINES)),
          entry(
              Reservation.class,
              new Reservation(ORDER, ReservationStatus.HELD, STOCK_LINES, NOW.plusSeconds(300))),
          entry(CommitReservation.class, new CommitReservation(ORDER)),
          entry(
              ReleaseReservation.class,
              new ReleaseReservation(ORDER, CancelReasons.PAYMENT_DECLINED)),
          entry(ProductCreated.class, new ProductCreated(EVENT, NOW, PRODUCT)),
          entry(StockRestocked.class, new StockRestocked(EVENT, NOW, "CW-MUG-01", 25, 65)),
          entry(StockReserved.class, new StockReserved(EVENT, NOW, ORDER, STOCK_LINES)),
          entry(
              StockRejected.class,
              new StockRejected(EVENT, NOW, ORDER, List.of(new StockLine("CW-TEE-M", 1)))),
          entry(StockCommitted.class, new StockCommitted(EVENT, NOW, ORDER, STOCK_LINES)),
          entry(
              StockReleased.class,
              new StockReleased(EVENT, NOW, ORDER, STOCK_LINES, CancelReasons.PAYMENT_DECLINED)),
          entry(ReservationExpired.class, new ReservationExpired(EVENT, NOW, ORDER, STOCK_LINES)),
          entry(Authorize.class, new Authorize(ORDER, 5070, "EUR", "tok_visa")),
          entry(Refund.class, new Refund(ORDER, CancelReasons.RESERVATION_EXPIRED)),
          entry(GetPayment.class, new GetPayment(ORDER)),
          entry(Payment.class, PAYMENT),
          entry(
              PaymentAuthorized.class,
              new PaymentAuthorized(EVENT, NOW, ORDER, 5070, "EUR", "sim_8f2a")),
          entry(
              PaymentDeclined.class,
              new PaymentDeclined(EVENT, NOW, ORDER, 5070, "EUR", "card-declined")),
          entry(
              PaymentRefunded.class,
              new PaymentRefunded(
                  EVENT, NOW, ORDER, 5070, "EUR", CancelReasons.RESERVATION_EXPIRED)),
          entry(
              PlaceOrder.class,
              new PlaceOrder(
                  PROFILE.id(),
                  "3c6e0b8a-checkout-1",
                  List.of(new OrderLine("CW-MUG-01", 2)),
                  "tok_visa")),
          entry(GetOrder.class, new GetOrder(ORDER, new Requester(PROFILE.id(), false))),
          entry(ListOrders.class, new ListOrders(PROFILE.id(), 0, 20)),
          entry(CancelOrder.class, new CancelOrder(ORDER, new Requester(PROFILE.id(), false))),
          entry(Order.class, ORDER_VIEW),
          entry(OrderPage.class, new OrderPage(List.of(ORDER_VIEW), 0, 20, 1)),
          entry(OrderPlaced.class, new OrderPlaced(EVENT, NOW, ORDER_VIEW)),
          entry(OrderConfirmed.class, new OrderConfirmed(EVENT, NOW, ORDER_VIEW)),
          entry(OrderCancelled.class, new OrderCancelled(EVENT, NOW, ORDER_VIEW)),
          entry(ListNotifications.class, new ListNotifications(PROFILE.id(), 0, 20)),
          entry(MarkRead.class, new MarkRead(PROFILE.id(), EVENT)),
          entry(
              NotifyUser.class,
              new NotifyUser(
                  PROFILE.id(), "Your parcel left", "ACME shipped order A-1001.", EVENT)),
          entry(NotificationsAfter.class, new NotificationsAfter(PROFILE.id(), EVENT, 101)),
          entry(Notification.class, NOTIFICATION),
          entry(NotificationPage.class, new NotificationPage(List.of(NOTIFICATION), 0, 20, 1)),
          entry(NotificationList.class, new NotificationList(List.of(NOTIFICATION))),
          entry(NotificationCreated.class, new NotificationCreated(EVENT, NOW, NOTIFICATION)),
          entry(CountDeadLetters.class, new CountDeadLetters()),
          entry(
              DeadLetterCounts.class,
              new DeadLetterCounts(Map.of("invalid-data", 2L, "retries-exhausted", 1L), 4)),
          entry(ReplayDeadLetters.class, new ReplayDeadLetters("retries-exhausted", 100)),
          entry(ReplayResult.class, new ReplayResult(3)),
          entry(
              ConfigChanged.class,
              new ConfigChanged(
                  "{\"rateLimits.tiers.customer.burst\":50}",
                  "admin 0b9f3c52",
                  "PATCH /api/v1/admin/config",
                  NOW)));

  private MessageSamples() {}
}
