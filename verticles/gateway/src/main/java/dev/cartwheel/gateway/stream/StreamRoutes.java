package dev.cartwheel.gateway.stream;

import dev.cartwheel.codecs.DomainFailure;
import dev.cartwheel.codecs.notifications.NotificationList;
import dev.cartwheel.codecs.notifications.NotificationsAfter;
import dev.cartwheel.codecs.notifications.NotificationsContract;
import dev.cartwheel.codecs.notifications.NotificationsError;
import dev.cartwheel.gateway.api.ApiPaths;
import dev.cartwheel.gateway.domains.DomainClient;
import dev.cartwheel.gateway.limits.Client;
import dev.cartwheel.gateway.limits.RateLimitSettings;
import dev.cartwheel.gateway.limits.RateLimiter;
import dev.cartwheel.gateway.observability.RequestIds;
import dev.cartwheel.gateway.problems.GatewayError;
import dev.cartwheel.gateway.problems.Problem;
import dev.cartwheel.gateway.problems.ProblemException;
import dev.cartwheel.gateway.security.Access;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/stream} (a WebSocket) and the tickets that let browsers open it. Everything that can be
 * refused is checked before the upgrade, so a refusal is an ordinary problem+json answer: who the caller is
 * (bearer token or ticket), the scope, the connection limits, the resume point.
 */
public final class StreamRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);
  private static final String ALL_ORDERS = "orders";

  /** A hint only: streams close at their clients' pace, so there is no exact time to name. */
  private static final int RETRY_AFTER_LIMIT_SECONDS = 5;

  private final Vertx vertx;
  private final JWTAuth jwt;
  private final DomainClient domains;
  private final StreamHub hub;
  private final StreamTickets tickets;
  private final StreamLimits limits;
  private final StreamSettings settings;
  private final RateLimiter limiter;

  public StreamRoutes(
      Vertx vertx,
      JWTAuth jwt,
      DomainClient domains,
      StreamHub hub,
      StreamSettings settings,
      RateLimiter limiter) {
    this.vertx = vertx;
    this.jwt = jwt;
    this.domains = domains;
    this.hub = hub;
    this.tickets = new StreamTickets(vertx, settings.ticketTtl());
    this.limits = StreamLimits.of(vertx, settings);
    this.settings = settings;
    this.limiter = limiter;
  }

  public void issueTicket(RoutingContext rc) {
    UUID userId = Access.userId(rc);
    if (userId == null) {
      return;
    }
    tickets
        .issue(new StreamUser(userId, Access.isAdmin(rc)))
        .onSuccess(
            ticket ->
                rc.response()
                    .setStatusCode(201)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(
                        new JsonObject()
                            .put("ticket", ticket)
                            .put("expiresInSeconds", settings.ticketTtl().toSeconds())
                            .toBuffer()))
        .onFailure(rc::fail);
  }

  public void open(RoutingContext rc) {
    if (!rc.request().canUpgradeToWebSocket()) {
      rc.fail(
          new ProblemException(
              GatewayError.UPGRADE_REQUIRED,
              "This endpoint is a WebSocket: send an upgrade request."));
      return;
    }
    String scope = rc.queryParams().get("scope");
    if (scope != null && !scope.equals(ALL_ORDERS)) {
      rc.fail(
          new ProblemException(
              GatewayError.VALIDATION_FAILED, "scope may only be '" + ALL_ORDERS + "'."));
      return;
    }
    Optional<UUID> lastEventId;
    try {
      lastEventId = Optional.ofNullable(rc.queryParams().get("lastEventId")).map(UUID::fromString);
    } catch (IllegalArgumentException e) {
      rc.fail(
          new ProblemException(
              GatewayError.VALIDATION_FAILED,
              "lastEventId must be the id of a stream message (a UUID)."));
      return;
    }
    rc.request().pause();
    authenticate(rc)
        // every attempt costs, whether or not it authenticates: a 429 comes before a 401
        .transform(
            authenticated ->
                charge(rc, authenticated.succeeded() ? authenticated.result() : null)
                    .compose(
                        paid ->
                            authenticated.succeeded()
                                ? Future.succeededFuture(authenticated.result())
                                : Future.failedFuture(authenticated.cause())))
        .compose(
            user ->
                ALL_ORDERS.equals(scope) && !user.admin()
                    ? Future.failedFuture(
                        new ProblemException(
                            GatewayError.FORBIDDEN, "Only administrators may watch all orders."))
                    : Future.succeededFuture(user))
        .onSuccess(
            user ->
                admit(
                    rc,
                    new StreamSession(vertx, user, ALL_ORDERS.equals(scope), settings),
                    lastEventId))
        .onFailure(rc::fail);
  }

  /** Charges the attempt: to the user when they proved who they are, else to their address. */
  private Future<Void> charge(RoutingContext rc, StreamUser user) {
    Client client =
        user == null
            ? Client.of(null, rc.request(), limiter.trustedProxies())
            : Client.user(
                user.userId().toString(),
                user.admin() ? RateLimitSettings.Tier.ADMIN : RateLimitSettings.Tier.CUSTOMER);
    return limiter
        .take(client, RateLimitSettings.STREAM)
        .compose(
            decision -> {
              decision.writeHeaders(rc.response());
              return decision.allowed()
                  ? Future.succeededFuture()
                  : Future.failedFuture(decision.problem());
            },
            error -> {
              LOG.warn(
                  "Rate limit store failed, stream request {} goes through unlimited: {}",
                  RequestIds.of(rc),
                  error.getMessage());
              return Future.succeededFuture();
            });
  }

  /** Within the limits: join the hub first (live messages are held), fetch what was missed, then upgrade. */
  private void admit(RoutingContext rc, StreamSession session, Optional<UUID> lastEventId) {
    UUID userId = session.user().userId();
    Optional<String> refusal = limits.tryAcquire(userId);
    if (refusal.isPresent()) {
      rc.fail(
          new ProblemException(
              Problem.of(GatewayError.STREAM_LIMIT_REACHED, refusal.get())
                  .retryAfter(RETRY_AFTER_LIMIT_SECONDS)));
      return;
    }
    hub.join(session);
    session.onClose(
        () -> {
          hub.leave(session);
          limits.release(userId);
        });
    missed(rc, userId, lastEventId)
        .compose(
            page ->
                rc.request()
                    .toWebSocket()
                    .map(
                        socket -> {
                          List<JsonObject> messages =
                              page.items().stream()
                                  .limit(settings.resumeLimit())
                                  .map(StreamMessages::of)
                                  .toList();
                          session.open(
                              socket, messages, page.items().size() <= settings.resumeLimit());
                          return socket;
                        }))
        .onFailure(
            error -> {
              session.close(StreamSession.GOING_AWAY, "not opened");
              rc.fail(error);
            });
  }

  /** One more than the resume limit is asked for, to tell whether the replay is complete. */
  private Future<NotificationList> missed(
      RoutingContext rc, UUID userId, Optional<UUID> lastEventId) {
    if (lastEventId.isEmpty()) {
      return Future.succeededFuture(new NotificationList(List.of()));
    }
    return domains
        .<NotificationList>request(
            NotificationsContract.DOMAIN,
            NotificationsContract.AFTER,
            new NotificationsAfter(userId, lastEventId.get(), settings.resumeLimit() + 1),
            rc)
        .recover(
            error ->
                Future.failedFuture(
                    error instanceof DomainFailure failure
                            && failure
                                .code()
                                .equals(NotificationsError.NOTIFICATION_NOT_FOUND.code())
                        ? new ProblemException(
                            GatewayError.UNKNOWN_LAST_EVENT_ID,
                            "lastEventId is not a message of your stream; reconnect without it and reload.")
                        : error));
  }

  private Future<StreamUser> authenticate(RoutingContext rc) {
    String ticket = rc.queryParams().get("ticket");
    if (ticket != null) {
      return tickets
          .redeem(ticket)
          .compose(
              user ->
                  user.map(Future::succeededFuture)
                      .orElseGet(
                          () ->
                              Future.failedFuture(
                                  unauthorized(
                                      "The ticket is unknown, expired or already used."))));
    }
    String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.failedFuture(
          unauthorized(
              "Send a bearer token, or a ticket from POST " + ApiPaths.STREAM_TICKETS + "."));
    }
    return jwt.authenticate(new TokenCredentials(authorization.substring(7).trim()))
        .recover(
            error -> Future.failedFuture(unauthorized("The bearer token is invalid or expired.")))
        .compose(
            user -> {
              try {
                return Future.succeededFuture(
                    new StreamUser(UUID.fromString(user.subject()), Access.isAdmin(user)));
              } catch (IllegalArgumentException | NullPointerException e) {
                return Future.failedFuture(unauthorized("The bearer token names no user."));
              }
            });
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(GatewayError.UNAUTHORIZED, detail);
  }
}
