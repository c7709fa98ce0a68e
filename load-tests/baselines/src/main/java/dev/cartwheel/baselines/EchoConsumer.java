package dev.cartwheel.baselines;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Replies to every request on {@link #ADDRESS} with its own body: the cheapest possible domain. */
final class EchoConsumer extends VerticleBase {

  static final String ADDRESS = "bench.echo";

  @Override
  public Future<?> start() {
    return vertx.eventBus().<String>consumer(ADDRESS, message -> message.reply(message.body())).completion();
  }
}
