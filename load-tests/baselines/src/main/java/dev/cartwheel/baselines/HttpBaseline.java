package dev.cartwheel.baselines;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * The HTTP ceiling: a bare vertx-web router answering every GET with the same JSON, one instance per
 * core like the platform's gateway. Args: port. Prints "listening on PORT" once every instance listens.
 */
public final class HttpBaseline extends VerticleBase {

  // about the size of a catalogue answer, so that the bytes written compare
  private static final Buffer BODY = Buffer.buffer("{\"sku\":\"BENCH-00\",\"name\":\"Bench product 0\",\"description\":null,"
    + "\"priceMinor\":990,\"currency\":\"EUR\",\"stockOnHand\":1000000,\"reserved\":0,\"available\":1000000}");

  private final int port;

  HttpBaseline(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get().handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(BODY));
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx();
    int instances = Runtime.getRuntime().availableProcessors();
    vertx.deployVerticle(() -> new HttpBaseline(port), new DeploymentOptions().setInstances(instances))
      .onSuccess(id -> System.out.println("listening on " + port))
      .onFailure(failure -> {
        failure.printStackTrace();
        System.exit(1);
      });
  }
}
