package dev.cartwheel.codecs;

/** Role names carried in tokens and checked at the gateway. */
public final class Roles {

  public static final String CUSTOMER = "customer";
  public static final String ADMIN = "admin";

  /** A partner system's account: a larger rate-limit tier. The users domain does not hand it out yet. */
  public static final String PARTNER = "partner";

  private Roles() {}
}
