package dev.atlas.spawn.runpod;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/** A real HTTP server on loopback that answers every request with a canned reply, for odd answers. */
final class StubServer implements AutoCloseable {
  /** A canned answer. */
  record Canned(int status, Map<String, String> headers, String body) {}

  static {
    // The JDK server writes headers and body as two segments; without TCP_NODELAY, Nagle plus the
    // client's delayed ACK add ~40 ms to every answer. Read once, when the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;

  private StubServer(Function<URI, Canned> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", ex -> {
      try (ex) {
        ex.getRequestBody().readAllBytes();
        Canned c = answer.apply(ex.getRequestURI());
        c.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(c.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        }
      }
    });
    server.start();
  }

  static StubServer answering(Function<URI, Canned> answer) {
    try {
      return new StubServer(answer);
    } catch (IOException e) {
      throw new IllegalStateException("cannot bind the stub server", e);
    }
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
