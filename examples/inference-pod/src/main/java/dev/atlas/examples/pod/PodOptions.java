package dev.atlas.examples.pod;

import java.util.Map;

/**
 * The pod's command line and environment: {@code [--runtime jersey|resteasy] [--no-auth]}, {@code
 * PORT} (default 8000; 0 picks a free port).
 */
record PodOptions(Runtime runtime, boolean auth, int port) {
  static final String USAGE = "usage: java -jar inference-pod.jar [--runtime jersey|resteasy] [--no-auth]";
  static final int DEFAULT_PORT = 8000;

  /**
   * Parses {@code args} and {@code env}.
   *
   * @throws IllegalArgumentException naming the bad argument or variable
   */
  static PodOptions parse(String[] args, Map<String, String> env) {
    Runtime runtime = Runtime.JERSEY;
    boolean auth = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runtime":
          if (i + 1 == args.length) {
            throw new IllegalArgumentException("--runtime needs a value: jersey or resteasy");
          }
          runtime = Runtime.parse(args[++i]);
          break;
        case "--no-auth":
          auth = false;
          break;
        default:
          throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    return new PodOptions(runtime, auth, port(env.get("PORT")));
  }

  private static int port(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("PORT must be a number from 0 to 65535, was '" + value + "'");
  }
}
