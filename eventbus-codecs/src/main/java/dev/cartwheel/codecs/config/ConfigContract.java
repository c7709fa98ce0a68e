package dev.cartwheel.codecs.config;

import java.util.List;

/** Live configuration on the event bus: a change is published once and applied by every node. */
public final class ConfigContract {

  public static final String DOMAIN = "config";

  /** {@link ConfigChanged}, published to every node. */
  public static final String CHANGED = "config.evt.changed";

  public static final List<Class<? extends Record>> MESSAGES = List.of(ConfigChanged.class);

  private ConfigContract() {}
}
