package dev.cartwheel.gateway.api;

import dev.cartwheel.codecs.cloudevents.EventSchemas;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The contracts of the Kafka side, served for partners' tools: the AsyncAPI document at
 * {@link ApiPaths#ASYNCAPI} and each CloudEvent type's data schema under {@link ApiPaths#SCHEMAS},
 * where the document's relative references (and every outbound event's {@code dataschema}) point.
 */
public final class EventContracts {

  private final Buffer asyncApi;
  private final Map<String, Buffer> schemasByFile;

  private EventContracts(Buffer asyncApi, Map<String, Buffer> schemasByFile) {
    this.asyncApi = asyncApi;
    this.schemasByFile = schemasByFile;
  }

  /** Reads them from the classpath, off the event loop. */
  public static Future<EventContracts> load(Vertx vertx) {
    return vertx.executeBlocking(
        () -> {
          EventSchemas schemas = EventSchemas.load();
          return new EventContracts(
              read(EventSchemas.ASYNCAPI_DOCUMENT),
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
