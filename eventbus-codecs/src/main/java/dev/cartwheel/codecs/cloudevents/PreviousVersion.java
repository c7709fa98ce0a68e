package dev.cartwheel.codecs.cloudevents;

import io.vertx.core.json.JsonObject;
import java.util.function.UnaryOperator;

/**
 * An earlier version of an event type, still published beside the current one while its consumers
 * move (its deprecation window, {@code kafka.outbound.previousVersions}): its version number, and how to
 * write the current version's data in its shape.
 */
public record PreviousVersion(int version, UnaryOperator<JsonObject> fromCurrent) {}
