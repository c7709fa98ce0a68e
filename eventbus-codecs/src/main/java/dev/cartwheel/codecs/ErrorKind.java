package dev.cartwheel.codecs;

/**
 * What kind of failure a domain reports, independent of any protocol. The gateway maps each kind to
 * one HTTP status; the Kafka bridge decides from it whether a failure is permanent.
 */
public enum ErrorKind {
  INVALID,
  UNAUTHENTICATED,
  FORBIDDEN,
  NOT_FOUND,
  CONFLICT,
  UNAVAILABLE,
  INTERNAL
}
