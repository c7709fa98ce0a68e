package dev.cartwheel.codecs.users;

import dev.cartwheel.codecs.DomainEvent;
import java.util.List;
import java.util.Map;

/** The users domain on the event bus: its addresses and its messages. */
public final class UsersContract {

  public static final String DOMAIN = "users";

  /** {@link RegisterUser} → {@link Session}; fails with VALIDATION_FAILED or EMAIL_TAKEN. */
  public static final String REGISTER = "users.cmd.register";

  /** {@link Login} → {@link Session}; fails with INVALID_CREDENTIALS. */
  public static final String LOGIN = "users.cmd.login";

  /** {@link GetProfile} → {@link UserProfile}; fails with USER_NOT_FOUND. */
  public static final String GET_PROFILE = "users.cmd.get-profile";

  public static final String USER_REGISTERED = "users.evt.user-registered";

  public static final Map<String, Class<? extends DomainEvent>> EVENTS =
      Map.of(USER_REGISTERED, UserRegistered.class);

  public static final List<Class<? extends Record>> MESSAGES =
      List.of(
          RegisterUser.class,
          Login.class,
          GetProfile.class,
          UserProfile.class,
          Session.class,
          UserRegistered.class);

  private UsersContract() {}
}
