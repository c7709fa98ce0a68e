package dev.cartwheel.baselines;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * The messaging ceiling: event-bus request/reply echo.
 *
 * <pre>
 *   local  IN_FLIGHT WARMUP_S MEASURE_S                          echo and driver in one JVM
 *   server CLUSTER HZ_PORT MEMBERS                                the echo, clustered; runs until killed
 *   client CLUSTER HZ_PORT MEMBERS IN_FLIGHT WARMUP_S MEASURE_S   the driver, clustered with a server
 * </pre>
 *
 * The drivers print one "RESULT ..." line (throughput per second and round-trip percentiles) and exit.
 */
public final class EventBusBaseline {

  public static void main(String[] args) {
    Future<?> done = switch (args[0]) {
      case "local" -> measure(Future.succeededFuture(Vertx.vertx()), args, 1, true);
      case "server" -> Clustering.join(args[1], Integer.parseInt(args[2]), args[3])
        .compose(vertx -> vertx.deployVerticle(new EchoConsumer()))
        .onSuccess(id -> System.out.println("echo ready"));
      case "client" -> measure(Clustering.join(args[1], Integer.parseInt(args[2]), args[3]), args, 4, false);
      default -> Future.failedFuture("unknown mode " + args[0]);
    };
    done.onFailure(failure -> {
      failure.printStackTrace();
      System.exit(1);
    });
  }

  private static Future<?> measure(Future<Vertx> joined, String[] args, int from, boolean withEcho) {
    EchoDriver driver = new EchoDriver(Integer.parseInt(args[from]), Integer.parseInt(args[from + 1]),
      Integer.parseInt(args[from + 2]));
    return joined.compose(vertx -> (withEcho ? vertx.deployVerticle(new EchoConsumer()) : Future.succeededFuture())
      .compose(id -> echoReachable(vertx, 300))
      .compose(ok -> vertx.deployVerticle(driver))
      .compose(id -> driver.result())
      .onSuccess(line -> {
        System.out.println(line);
        System.exit(0);
      }));
  }

  // a clustered echo is reachable once its subscription has reached this node's view of the cluster
  private static Future<Void> echoReachable(Vertx vertx, int attemptsLeft) {
    return vertx.eventBus().request(EchoConsumer.ADDRESS, "ping", new DeliveryOptions().setSendTimeout(1000)).<Void>mapEmpty()
      .recover(failure -> attemptsLeft == 0 ? Future.failedFuture(failure)
        : vertx.timer(100).compose(t -> echoReachable(vertx, attemptsLeft - 1)));
  }
}
