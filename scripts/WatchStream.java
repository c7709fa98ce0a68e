// Prints a user's live stream (GET /api/v1/stream), one JSON message per line, until the stream closes or Ctrl-C.
// Nothing to install beyond the JDK that runs Cartwheel (Java 17 runs a single source file directly):
//
//   java scripts/WatchStream.java TOKEN
//   java scripts/WatchStream.java ws://localhost:8080/api/v1/stream?scope=orders ADMIN_TOKEN
//
// Pings are answered by the JDK's WebSocket client, so the gateway keeps the stream open.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

public class WatchStream {

  public static void main(String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: java scripts/WatchStream.java [ws://localhost:8080/api/v1/stream] TOKEN");
      System.exit(2);
    }
    String url = args.length == 2 ? args[0] : "ws://localhost:8080/api/v1/stream";
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    try {
      HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Authorization", "Bearer " + args[args.length - 1])
        .buildAsync(URI.create(url), new Printer(closed))
        .join();
      System.err.println("connected to " + url + " (Ctrl-C to stop)");
      int code = closed.join();
      System.exit(code == WebSocket.NORMAL_CLOSURE ? 0 : 1);
    } catch (CompletionException e) {
      // a refused upgrade (401, 429 ...) or a connection that failed
      System.err.println("stream failed: " + e.getCause().getMessage());
      System.exit(1);
    }
  }

  private static final class Printer implements WebSocket.Listener {

    private final CompletableFuture<Integer> closed;
    private final StringBuilder message = new StringBuilder();

    Printer(CompletableFuture<Integer> closed) {
      this.closed = closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
      message.append(part);
      if (last) {
        System.out.println(message);
        System.out.flush();
        message.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
      System.err.println("stream closed: " + code + " " + reason);
      closed.complete(code);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
