package dev.atlas.examples.servlet;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * {@code java -jar servlet-app.jar [--container tomcat|jetty-ee10|jetty-ee11] [--no-auth]}: serves
 * {@code /api/echo} (key required) and {@code /health} on {@code PORT} (default 8080, 0 for any
 * free port) of {@code HOST} (default all interfaces), with the key from {@code
 * ATLAS_PRESHARED_KEY}. Without a usable key it exits with status 2 instead of serving.
 */
public final class Launcher {
  /** The containers the app runs on. */
  enum Kind {
    TOMCAT("tomcat"),
    JETTY_EE10("jetty-ee10"),
    JETTY_EE11("jetty-ee11");

    final String flag;

    Kind(String flag) {
      this.flag = flag;
    }

    static Kind of(String flag) {
      for (Kind k : values()) {
        if (k.flag.equals(flag.toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      throw new IllegalArgumentException("--container must be tomcat, jetty-ee10 or jetty-ee11, was '" + flag + "'");
    }
  }

  /** The parsed command line. */
  record Options(Kind kind, boolean auth) {
    static Options parse(List<String> args) {
      Kind kind = Kind.TOMCAT;
      boolean auth = true;
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.equals("--no-auth")) {
          auth = false;
        } else if (arg.equals("--container") && i + 1 < args.size()) {
          kind = Kind.of(args.get(++i));
        } else if (arg.startsWith("--container=")) {
          kind = Kind.of(arg.substring("--container=".length()));
        } else {
          throw new IllegalArgumentException("unknown argument '" + arg + "'; usage: [--container tomcat|jetty-ee10|jetty-ee11] [--no-auth]");
        }
      }
      return new Options(kind, auth);
    }
  }

  private Launcher() {}

  public static void main(String[] args) throws InterruptedException {
    System.setProperty("org.apache.juli.logging.UserDataHelper.CONFIG", "NONE"); // Tomcat: never log rejected request data
    PrintStream out = System.out;
    Servers.Running running;
    Options options;
    try {
      options = Options.parse(List.of(args));
      running = start(options, host(System.getenv("HOST")), port(System.getenv("PORT")), System::getenv);
    } catch (Exception e) {
      System.err.println("servlet-app: " + e.getMessage());
      System.exit(2);
      return;
    }
    out.println("servlet-app: " + options.kind().flag + " listening on port " + running.port()
        + (options.auth() ? " (bearer auth on)" : " (no auth)"));
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } catch (Exception e) {
        System.err.println("servlet-app: stopping failed: " + e);
      } finally {
        stopped.countDown();
      }
    }));
    stopped.await();
  }

  /** Starts the app; {@code env} supplies the key unless {@code options.auth()} is false. */
  static Servers.Running start(Options options, String host, int port, Function<String, String> env) throws Exception {
    Function<String, String> auth = options.auth() ? env : null;
    switch (options.kind()) {
      case JETTY_EE10:
        return Servers.jettyEe10(host, port, auth);
      case JETTY_EE11:
        return Servers.jettyEe11(host, port, auth);
      default:
        return Servers.tomcat(host, port, auth);
    }
  }

  static String host(String value) {
    return value == null || value.isBlank() ? "0.0.0.0" : value.trim();
  }

  static int port(String value) {
    if (value == null || value.isBlank()) {
      return 8080;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("PORT must be 0 to 65535, was " + port);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("PORT must be a number, was '" + value + "'");
    }
  }
}
