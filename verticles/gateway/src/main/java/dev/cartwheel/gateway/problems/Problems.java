package dev.cartwheel.gateway.problems;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.ErrorKind;
import dev.cartwheel.gateway.observability.RequestIds;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error of the gateway as {@code application/problem+json}: the failure handler of the
 * API and the last-resort handler for unmatched routes both end here. Nothing internal (stack traces,
 * class names, SQL) ever reaches a client; an unexpected failure is logged once, with the request id.
 */
public final class Problems {

  static final String CONTENT_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  /** Failure handler and error handler: turns whatever failed into a problem response. */
  public static void respond(RoutingContext rc) {
    send(rc, problemFor(rc));
  }

  static void send(RoutingContext rc, Problem problem) {
    HttpServerResponse response = rc.response();
    if (response.headWritten()) {
      LOG.warn(
          "Request {} failed after its response started ({}); closing the connection",
          RequestIds.of(rc),
          problem.code());
      rc.request().connection().close();
      return;
    }
    JsonObject body =
        new JsonObject()
            .put(
                "type",
                "urn:cartwheel:problem:"
                    + problem.code().toLowerCase(Locale.ROOT).replace('_', '-'))
            .put("title", HttpResponseStatus.valueOf(problem.status()).reasonPhrase())
            .put("status", problem.status())
            .put("code", problem.code())
            .put("requestId", RequestIds.of(rc))
            .put("instance", rc.request().path());
    if (problem.detail() != null) {
      body.put("detail", problem.detail());
    }
    if (!problem.errors().isEmpty()) {
      JsonArray errors = new JsonArray();
      problem
          .errors()
          .forEach(
              error ->
                  errors.add(
                      new JsonObject()
                          .put("field", error.field())
                          .put("message", error.message())));
      body.put("errors", errors);
    }
    if (problem.retryAfterSeconds() > 0) {
      response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(problem.retryAfterSeconds()));
    }
    response
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.toBuffer());
  }

  private static Problem problemFor(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (failure instanceof ProblemException problem) {
      return problem.problem();
    }
    if (failure instanceof DomainFailure domain) {
      int retryAfter = domain.kind() == ErrorKind.UNAVAILABLE ? 1 : 0;
      return new Problem(
          statusOf(domain.kind()),
          domain.code(),
          domain.getMessage(),
          domain.fieldErrors(),
          retryAfter);
    }
    if (failure instanceof HttpException http
        && http.getCause() instanceof ValidatorException invalid) {
      return ValidationProblems.of(invalid);
    }
    if (failure instanceof ValidatorException invalid) {
      return ValidationProblems.of(invalid);
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : rc.statusCode();
    return switch (status) {
      case 401 ->
          Problem.of(
              GatewayError.UNAUTHORIZED,
              "A valid bearer token is required (Authorization: Bearer <token>).");
      case 403 -> Problem.of(GatewayError.FORBIDDEN, "Your roles do not allow this operation.");
      case 404 ->
          Problem.of(
              GatewayError.NOT_FOUND, "There is no resource at " + rc.request().path() + ".");
      case 405 ->
          Problem.of(
              GatewayError.METHOD_NOT_ALLOWED,
              rc.request().method() + " is not allowed on " + rc.request().path() + ".");
      case 408 ->
          Problem.of(
              GatewayError.REQUEST_TIMEOUT, "The request took too long to arrive or to complete.");
      case 413 ->
          Problem.of(
              GatewayError.PAYLOAD_TOO_LARGE,
              "The request body is larger than this server accepts.");
      case 415 ->
          Problem.of(
              GatewayError.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.");
      case 400 -> Problem.of(GatewayError.VALIDATION_FAILED, "The request is not valid.");
      default -> {
        LOG.error(
            "Request {} {} {} failed unexpectedly",
            RequestIds.of(rc),
            rc.request().method(),
            rc.request().path(),
            failure);
        yield Problem.of(
            GatewayError.INTERNAL_ERROR,
            "The request could not be completed. Quote the request id if you report it.");
      }
    };
  }

  static int statusOf(ErrorKind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
  }
}
