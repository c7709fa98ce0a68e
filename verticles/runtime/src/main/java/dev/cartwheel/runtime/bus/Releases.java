package dev.cartwheel.runtime.bus;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.config.ConfigReader;
import dev.cartwheel.runtime.node.BuildInfo;
import java.util.regex.Pattern;

/**
 * Release labels: every node has one (releases.label, CARTWHEEL_RELEASE; by default the jar's version),
 * and its domains answer their commands also on addresses qualified by it, so that the gateway can send a
 * share of a domain's traffic to one release (a canary) and the rest to another (the stable one).
 */
public final class Releases {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private Releases() {}

  /** {@code address} as the instances of {@code release} alone answer it. */
  public static String address(String address, String release) {
    return address + "@" + release;
  }

  public static boolean isLabel(String value) {
    return LABEL.matcher(value).matches();
  }

  /** This node's release: releases.label, or the jar's version when it is empty. */
  public static String label(ConfigReader config, BuildInfo build) {
    String label = config.optionalString("releases.label").orElse("");
    if (label.isEmpty()) {
      label = build.version();
    }
    if (!isLabel(label)) {
      throw new ConfigException(
          "releases.label",
          "must be 1 to 64 letters, digits, '.', '_' or '-', got '" + label + "'");
    }
    return label;
  }

  /**
   * releases.testFaultyRelease: the release whose nodes fail every command on purpose (a release drill), or
   * empty. Refused in the prod profile, where no drill belongs.
   */
  public static String faultyRelease(ConfigReader config) {
    String release = config.optionalString("releases.testFaultyRelease").orElse("");
    if (!release.isEmpty() && config.profiles().contains("prod")) {
      throw new ConfigException(
          "releases.testFaultyRelease", "is for release drills and tests, not the prod profile");
    }
    return release;
  }
}
