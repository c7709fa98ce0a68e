package dev.cartwheel.gateway.api;

import dev.cartwheel.codecs.cloudevents.EventSchemas;
import dev.cartwheel.runtime.config.ConfigReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The contracts of the Kafka side, served for partners' tools: the AsyncAPI document at
 * {@link ApiPaths#ASYNCAPI}, naming the topics and partitions this node is configured with, and each
 * CloudEvent type's data schema under {@link ApiPaths#SCHEMAS}, where the document's relative references
 * (and every outbound event's {@code dataschema}) point.
 */
public final class EventContracts {

  private final Buffer asyncApi;
  private final Map<String, Buffer> schemasByFile;

  private EventContracts(Buffer asyncApi, Map<String, Buffer> schemasByFile) {
    this.asyncApi = asyncApi;
    this.schemasByFile = schemasByFile;
  }

  /** Reads them from the classpath, off the event loop. */
  public static Future<EventContracts> load(Vertx vertx, ConfigReader config) {
    return vertx.executeBlocking(
        () -> {
          EventSchemas schemas = EventSchemas.load();
          return new EventContracts(
              withTopics(read(EventSchemas.ASYNCAPI_DOCUMENT).toJsonObject(), config).toBuffer(),
              schemas.types().stream()
                  .collect(
                      Collectors.toUnmodifiableMap(
                          EventSchemas::fileName,
                          type -> Buffer.buffer(schemas.schema(type).encodePrettily()))));
        });
  }

  /** GET {@link ApiPaths#ASYNCAPI}. */
  public void asyncApi(RoutingContext rc) {
    rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(asyncApi);
  }

  /** GET {@link ApiPaths#SCHEMAS}{@code {file}}: a type's schema, or 404 for any other name. */
  public void schema(RoutingContext rc) {
    Buffer schema = schemasByFile.get(rc.pathParam("file"));
    if (schema == null) {
      rc.fail(404);
      return;
    }
    rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/schema+json").end(schema);
  }

  /**
   * The document with the configured topics (kafka.topics.*, the first of bridge.inboundTopics,
   * bridge.deadLetterTopic) and partitions (kafka.provision.partitions) where it names the defaults.
   */
  static JsonObject withTopics(JsonObject document, ConfigReader config) {
    JsonObject channels = document.getJsonObject("channels");
    int partitions = config.integer("kafka.provision.partitions", 1, 10_000);
    JsonObject topics = config.json().getJsonObject("kafka").getJsonObject("topics");
    topics.fieldNames().stream()
        .filter(channels::containsKey)
        .forEach(
            domain -> name(channels.getJsonObject(domain), topics.getString(domain), partitions));
    List<String> inbound = config.strings("bridge.inboundTopics");
    if (!inbound.isEmpty()) {
      JsonObject channel = channels.getJsonObject("inbound");
      name(channel, inbound.get(0), partitions);
      if (inbound.size() > 1) {
        channel.put(
            "description",
            channel.getString("description")
                + " This node reads the same from "
                + String.join(", ", inbound.subList(1, inbound.size()))
                + ".");
      }
    }
    name(
        channels.getJsonObject("deadLetters"),
        config.requiredString("bridge.deadLetterTopic"),
        partitions);
    return document;
  }

  private static void name(JsonObject channel, String topic, int partitions) {
    channel.put("address", topic);
    channel
        .getJsonObject("bindings")
        .getJsonObject("kafka")
        .put("topic", topic)
        .put("partitions", partitions);
  }

  /** The document as served. */
  Buffer asyncApiDocument() {
    return asyncApi;
  }

  private static Buffer read(String resource) {
    try (InputStream in = EventContracts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing " + resource + " on the classpath");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
