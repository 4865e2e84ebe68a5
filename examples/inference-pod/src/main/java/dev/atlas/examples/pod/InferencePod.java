package dev.atlas.examples.pod;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The inference pod: {@code java -jar inference-pod.jar [--runtime jersey|resteasy] [--no-auth]}.
 *
 * <p>Listens on {@code 0.0.0.0:$PORT}, requires {@code ATLAS_PRESHARED_KEY} (unless {@code
 * --no-auth}), and prints exactly one line to standard output once it serves: {@code
 * inference-pod ready on port <port> (<runtime>)}. A bad argument exits with 2, a configuration
 * it cannot start with (no key, say) with 1; neither message ever holds a secret.
 */
public final class InferencePod {
  private InferencePod() {}

  public static void main(String[] args) throws InterruptedException {
    PodOptions options;
    PodApplication app;
    try {
      options = PodOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("inference-pod: " + e.getMessage());
      System.err.println(PodOptions.USAGE);
      System.exit(2);
      return;
    }
    try {
      app = options.auth() ? PodApplication.withAuth(PodApplication.policy(System::getenv)) : PodApplication.withoutAuth();
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("inference-pod: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    if (!options.auth()) {
      System.err.println("inference-pod: WARNING: --no-auth: every endpoint is open to anyone who can reach the port");
    }
    RunningServer server;
    try {
      server = options.runtime() == Runtime.JERSEY
          ? JerseyServer.start(app, options.port())
          : ResteasyServer.start(app, options.port());
    } catch (RuntimeException e) {
      System.err.println("inference-pod: cannot start the " + options.runtime().label() + " server on port "
          + options.port() + ": " + e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "inference-pod-shutdown"));
    ready(System.out, server.port(), options.runtime());
    stopped.await();
  }

  static void ready(PrintStream out, int port, Runtime runtime) {
    out.println("inference-pod ready on port " + port + " (" + runtime.label() + ")");
    out.flush();
  }
}
