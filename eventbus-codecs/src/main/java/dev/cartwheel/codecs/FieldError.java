package dev.cartwheel.codecs;

/** One invalid field of a request: {@code field} is a JSON pointer without the leading slash, e.g. {@code email}. */
public record FieldError(String field, String message) {}
