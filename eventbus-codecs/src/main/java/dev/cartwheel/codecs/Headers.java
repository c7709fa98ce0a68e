package dev.cartwheel.codecs;

/** Event-bus message headers that every domain understands. */
public final class Headers {

  /** The id of the HTTP request (or inbound event) that caused this message, for correlated logs. */
  public static final String REQUEST_ID = "x-request-id";

  /** The id of a published domain event (its outbox id), for idempotent consumers and logs. */
  public static final String EVENT_ID = "x-event-id";

  private Headers() {}
}
