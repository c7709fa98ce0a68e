package dev.cartwheel.codecs.orders;

/** Why an order ended CANCELLED: stable, machine-readable values of {@link Order#cancelReason()}. */
public final class CancelReasons {

  public static final String OUT_OF_STOCK = "out-of-stock";
  public static final String PAYMENT_DECLINED = "payment-declined";
  public static final String PAYMENT_UNAVAILABLE = "payment-unavailable";
  public static final String INVENTORY_UNAVAILABLE = "inventory-unavailable";
  public static final String RESERVATION_EXPIRED = "reservation-expired";
  public static final String CANCELLED_BY_CUSTOMER = "cancelled-by-customer";

  private CancelReasons() {}
}
