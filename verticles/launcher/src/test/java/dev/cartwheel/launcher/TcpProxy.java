package dev.cartwheel.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on 127.0.0.1 in front of a real server, that a test can cut (the server seems gone: open
 * connections drop, new ones are refused) and restore on the same port.
 */
final class TcpProxy implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final NetClient upstreams = vertx.createNetClient();
  private final String targetHost;
  private final int targetPort;
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private NetServer server;
  private int port;

  private TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** A proxy of the server at {@code target}'s host and port. */
  static TcpProxy to(URI target) {
    TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
    proxy.listen(0);
    return proxy;
  }

  int port() {
    return port;
  }

  void cut() {
    server.close().await();
    open.forEach(NetSocket::close);
  }

  void restore() {
    listen(port);
  }

  private void listen(int wanted) {
    server =
        vertx
            .createNetServer()
            .connectHandler(
                client -> {
                  client.pause();
                  upstreams
                      .connect(targetPort, targetHost)
                      .onComplete(
                          connected -> {
                            if (connected.failed()) {
                              client.close();
                              return;
                            }
                            NetSocket upstream = connected.result();
                            open.add(client);
                            open.add(upstream);
                            client.closeHandler(closed -> open.remove(client));
                            upstream.closeHandler(closed -> open.remove(upstream));
                            client.pipeTo(upstream);
                            upstream.pipeTo(client);
                          });
                });
    port = server.listen(wanted, "127.0.0.1").await().actualPort();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
