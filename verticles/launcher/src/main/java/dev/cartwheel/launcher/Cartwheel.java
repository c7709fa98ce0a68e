package dev.cartwheel.launcher;

import dev.cartwheel.runtime.config.ConfigException;
import dev.cartwheel.runtime.node.BuildInfo;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar cartwheel.jar [--cluster] [--verticles gateway,users] [--profile prod]}: starts a
 * node and keeps it running until SIGTERM/SIGINT, which stops it gracefully. Exit codes: 2 for a bad
 * configuration or command line, 1 when start-up fails for another reason.
 */
@Command(
    name = "cartwheel",
    mixinStandardHelpOptions = true,
    versionProvider = Cartwheel.Version.class,
    description =
        "Runs a Cartwheel node. Every setting can also be given as a CARTWHEEL_* environment variable (see the README).")
public final class Cartwheel implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger("cartwheel");
  static final int BAD_CONFIGURATION = 2;
  static final int START_FAILED = 1;

  @Option(
      names = "--profile",
      defaultValue = "${env:CARTWHEEL_PROFILE:-dev}",
      description =
          "Configuration profile: conf/<profile>.json over conf/config.json (env CARTWHEEL_PROFILE; default ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--conf-dir",
      defaultValue = "${env:CARTWHEEL_CONF_DIR:-conf}",
      description =
          "Directory of config.json and the profiles; falls back to the copy in the jar (env CARTWHEEL_CONF_DIR; default ${DEFAULT-VALUE}).")
  String confDir;

  @Option(
      names = "--cluster",
      description =
          "Join the Hazelcast cluster described by cluster.xml (same as CARTWHEEL_CLUSTER=true).")
  boolean cluster;

  @Option(
      names = "--verticles",
      paramLabel = "LIST",
      description =
          "Verticles to deploy, e.g. gateway:2,users or all (same as CARTWHEEL_VERTICLES).")
  String verticles;

  public static void main(String[] args) {
    int exitCode = new CommandLine(new Cartwheel()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  @Override
  public Integer call() {
    PrintWriter err = new CommandLine(this).getErr();
    Platform platform = Platform.create();
    Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "cartwheel-shutdown"));
    try {
      platform.boot(new Platform.Options(confDir, profile, System.getenv(), flags()));
      return 0;
    } catch (ConfigException e) {
      err.println("cartwheel: bad configuration: " + e.getMessage());
      err.flush();
      return BAD_CONFIGURATION;
    } catch (RuntimeException | Error e) {
      // an Error too (a class missing from the jar, say): left to escape, it would end the main
      // thread
      // alone and leave the node running, never ready, instead of exiting
      LOG.error("Start-up failed", e);
      err.println("cartwheel: start-up failed: " + rootMessage(e));
      err.flush();
      return START_FAILED;
    }
  }

  private Map<String, String> flags() {
    Map<String, String> flags = new HashMap<>();
    if (cluster) {
      flags.put("cluster.enabled", "true");
    }
    if (verticles != null) {
      flags.put("deploy", verticles);
    }
    return flags;
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** {@code --version}: the build this jar comes from. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      BuildInfo build = BuildInfo.load();
      return new String[] {
        "cartwheel "
            + build.version()
            + " (commit "
            + build.commit()
            + ", Vert.x "
            + build.vertxVersion()
            + ")"
      };
    }
  }
}
