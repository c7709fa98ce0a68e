package dev.cartwheel.gateway.routes;

import dev.cartwheel.codecs.users.GetProfile;
import dev.cartwheel.codecs.users.Login;
import dev.cartwheel.codecs.users.RegisterUser;
import dev.cartwheel.codecs.users.Session;
import dev.cartwheel.codecs.users.UserProfile;
import dev.cartwheel.codecs.users.UsersContract;
import dev.cartwheel.gateway.api.ApiPaths;
import dev.cartwheel.gateway.domains.DomainClient;
import dev.cartwheel.gateway.limits.Client;
import dev.cartwheel.gateway.limits.RateLimiter;
import dev.cartwheel.gateway.limits.SignInThrottle;
import dev.cartwheel.gateway.security.Access;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** HTTP ↔ users domain: translate the request into a command, the reply into a representation. */
final class UsersRoutes {

  private final DomainClient domains;
  private final SignInThrottle throttle;
  private final RateLimiter limiter;

  UsersRoutes(DomainClient domains, SignInThrottle throttle, RateLimiter limiter) {
    this.domains = domains;
    this.throttle = throttle;
    this.limiter = limiter;
  }

  void register(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    RegisterUser command =
        new RegisterUser(
            body.getString("email"), body.getString("password"), body.getString("fullName"));
    throttle
        .register(
            address(rc),
            () ->
                domains.<Session>request(UsersContract.DOMAIN, UsersContract.REGISTER, command, rc))
        .onSuccess(
            session ->
                rc.response()
                    .setStatusCode(201)
                    .putHeader(HttpHeaders.LOCATION, ApiPaths.V1_ME)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Representations.session(session).toBuffer()))
        .onFailure(rc::fail);
  }

  void login(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    Login command = new Login(body.getString("email"), body.getString("password"));
    throttle
        .login(
            command.email(),
            address(rc),
            () -> domains.<Session>request(UsersContract.DOMAIN, UsersContract.LOGIN, command, rc))
        .onSuccess(session -> rc.json(Representations.session(session)))
        .onFailure(rc::fail);
  }

  private String address(RoutingContext rc) {
    return Client.address(rc.request(), limiter.trustedProxies());
  }

  void me(RoutingContext rc) {
    UUID userId = Access.userId(rc);
    if (userId == null) {
      return;
    }
    domains
        .<UserProfile>request(
            UsersContract.DOMAIN, UsersContract.GET_PROFILE, new GetProfile(userId), rc)
        .onSuccess(profile -> rc.json(Representations.profile(profile)))
        .onFailure(rc::fail);
  }
}
