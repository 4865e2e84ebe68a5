package dev.atlas.spawn;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server standing in for a pod's {@code /health}: records what arrived. */
final class HealthServer implements AutoCloseable {
  private final HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private volatile int status;

  private HealthServer(int status) {
    this.status = status;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      try (exchange) {
        paths.add(exchange.getRequestURI().getPath());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "<none>" : auth);
        exchange.sendResponseHeaders(this.status, -1);
      }
    });
    server.start();
  }

  static HealthServer answering(int status) {
    return new HealthServer(status);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void answer(int status) {
    this.status = status;
  }

  List<String> authorizations() {
    return authorizations;
  }

  List<String> paths() {
    return paths;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
