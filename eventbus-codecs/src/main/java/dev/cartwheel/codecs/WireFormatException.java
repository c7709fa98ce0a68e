package dev.cartwheel.codecs;

/** A message body read from the cluster wire that cannot be decoded. */
public final class WireFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public WireFormatException(String codecName, String problem, Throwable cause) {
    super("cannot decode " + codecName + " from the wire: " + problem, cause);
  }

  public WireFormatException(String codecName, String problem) {
    this(codecName, problem, null);
  }
}
