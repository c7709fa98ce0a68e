package dev.cartwheel.gateway.api;

import dev.cartwheel.gateway.problems.GatewayError;
import dev.cartwheel.gateway.problems.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Locale;

/**
 * Before schema validation, the body of an API operation must be JSON: another content type is a 415,
 * bytes that do not parse are a 400 MALFORMED_JSON (not a vague validation error, not a 500), and a
 * body nested deeper than http.maxJsonDepth is refused before anything parses it.
 * Requests that match no operation are left alone, so that they get their 404 or 405.
 */
public final class JsonBodies {

  private final OpenAPIContract contract;
  private final int maxDepth;

  public JsonBodies(OpenAPIContract contract, int maxDepth) {
    this.contract = contract;
    this.maxDepth = maxDepth;
  }

  public void require(RoutingContext rc) {
    Buffer body = rc.body().buffer();
    if (body == null
        || body.length() == 0
        || contract.findOperation(rc.request().path(), rc.request().method()) == null) {
      rc.next();
      return;
    }
    String contentType = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (!isJson(contentType)) {
      rc.fail(
          new ProblemException(
              GatewayError.UNSUPPORTED_MEDIA_TYPE,
              "Send the request body as application/json"
                  + (contentType == null ? "." : ", not " + contentType + ".")));
      return;
    }
    if (JsonDepth.exceeds(body, maxDepth)) {
      rc.fail(
          new ProblemException(
              GatewayError.VALIDATION_FAILED,
              "The request body nests deeper than " + maxDepth + " levels."));
      return;
    }
    try {
      Json.decodeValue(body);
    } catch (DecodeException e) {
      rc.fail(
          new ProblemException(GatewayError.MALFORMED_JSON, "The request body is not valid JSON."));
      return;
    }
    rc.next();
  }

  private static boolean isJson(String contentType) {
    return contentType != null
        && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json");
  }
}
