package dev.cartwheel.runtime.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version and commit this jar was built from (filtered into {@code cartwheel-build.properties} by Maven). */
public record BuildInfo(String version, String commit, String commitTime, String vertxVersion) {

  private static final String UNKNOWN = "unknown";

  public static BuildInfo load() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/cartwheel-build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String commit = value(properties, "commit");
    if ("true".equals(properties.getProperty("dirty")) && !commit.equals(UNKNOWN)) {
      commit += "-dirty";
    }
    return new BuildInfo(
        value(properties, "version"),
        commit,
        value(properties, "commitTime"),
        value(properties, "vertx"));
  }

  /** An unfiltered {@code ${...}} (no git checkout at build time) reads as unknown. */
  private static String value(Properties properties, String key) {
    String value = properties.getProperty(key, UNKNOWN);
    return value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
  }
}
