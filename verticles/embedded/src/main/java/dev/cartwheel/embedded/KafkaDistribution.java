package dev.cartwheel.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The Apache Kafka broker jars that the cartwheel-kafka-broker module packs into our classpath under
 * {@code cartwheel/kafka-broker/}. They are unpacked once into a directory and run in a JVM of their own,
 * with Kafka's own Scala, Jackson and Netty versions.
 */
final class KafkaDistribution {

  private static final String ROOT = "/cartwheel/kafka-broker/";

  private KafkaDistribution() {}

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = resource("broker.properties")) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  /** Unpacks the jars into {@code <parent>/kafka-<version>/lib} unless already there; returns that lib dir. */
  static Path unpack(Path parent) {
    Path home = parent.resolve("kafka-" + version());
    Path lib = home.resolve("lib");
    Path complete = home.resolve(".complete");
    if (Files.exists(complete)) {
      return lib;
    }
    try {
      ServiceDirectory.deleteRecursively(home);
      Files.createDirectories(lib);
      for (String jar : jars()) {
        try (InputStream in = resource(jar)) {
          Files.copy(in, home.resolve(jar), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.createFile(complete);
      return lib;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the Kafka broker into " + home, e);
    }
  }

  private static List<String> jars() throws IOException {
    try (InputStream in = resource("classpath.txt")) {
      String listing = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return Arrays.stream(listing.split(","))
          .map(String::trim)
          .filter(jar -> !jar.isEmpty())
          .toList();
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = KafkaDistribution.class.getResourceAsStream(ROOT + name);
    if (in == null) {
      throw new IOException(
          "missing " + ROOT + name + " on the classpath (is cartwheel-kafka-broker a dependency?)");
    }
    return in;
  }
}
