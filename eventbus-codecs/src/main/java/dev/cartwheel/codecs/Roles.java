package dev.cartwheel.codecs;

/** Role names carried in tokens and checked at the gateway. */
public final class Roles {

  public static final String CUSTOMER = "customer";
  public static final String ADMIN = "admin";

  private Roles() {
  }
}
