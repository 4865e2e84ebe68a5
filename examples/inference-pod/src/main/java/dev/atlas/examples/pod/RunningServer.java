package dev.atlas.examples.pod;

import java.util.Objects;

/**
 * A started HTTP server: the port it listens on, and how to stop it.
 *
 * @param port the port actually bound (useful with {@code PORT=0})
 * @param stop stops the server and releases what it holds
 */
record RunningServer(int port, Runnable stop) implements AutoCloseable {
  RunningServer {
    Objects.requireNonNull(stop, "stop");
  }

  @Override
  public void close() {
    stop.run();
  }
}
