package dev.atlas.examples.pod;

/** A started HTTP server: the port it listens on, and how to stop it. */
interface RunningServer extends AutoCloseable {
  int port();

  @Override
  void close();
}
