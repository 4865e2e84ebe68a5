package dev.atlas.spawn.local;

import dev.atlas.spawn.ComputeException;
import dev.atlas.spawn.LaunchSpec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Checks a launch for the local provider and starts its process. */
final class LocalLaunch {
  private static final System.Logger LOG = System.getLogger(LocalComputeProvider.class.getName());

  private LocalLaunch() {}

  /** Refuses what the local provider cannot run, before anything is started. */
  static void check(LaunchSpec spec) {
    int ports = spec.request().ports().size();
    if (ports > 1) {
      throw fail(ComputeException.Kind.UNSUPPORTED, "the local provider exposes one port, request has " + ports);
    }
    if (spec.request().env().containsKey(LocalComputeProvider.PORT_ENV)) {
      throw fail(ComputeException.Kind.VALIDATION,
          "env: PORT is assigned by the local provider; ask for a port with " + LocalComputeProvider.PORT_OPTION);
    }
    for (String option : spec.request().providerOptions().keySet()) {
      if (option.startsWith("local.") && !option.equals(LocalComputeProvider.PORT_OPTION)) {
        throw fail(ComputeException.Kind.VALIDATION, "providerOptions: unknown local option " + option);
      }
    }
    fixedPort(spec);
    try {
      CommandLine.split(spec.request().image());
    } catch (IllegalArgumentException e) {
      throw fail(ComputeException.Kind.VALIDATION, e.getMessage());
    }
  }

  /** Starts (or restarts) the pod's process on a free or the requested loopback port. */
  static void start(LocalPod pod, Path workDir, List<String> passThrough) {
    LaunchSpec spec = pod.spec;
    int port = spec.request().ports().isEmpty() ? 0 : hostPort(spec);
    ProcessBuilder builder =
        new ProcessBuilder(CommandLine.resolveJava(CommandLine.split(spec.request().image())))
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(pod.logFile.toFile()));
    Map<String, String> env = builder.environment();
    env.clear();
    for (String name : passThrough) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(spec.environmentWithSecrets());
    if (port != 0) {
      env.put(LocalComputeProvider.PORT_ENV, Integer.toString(port));
    }
    Process process;
    try {
      process = builder.start();
      process.getOutputStream().close(); // the pod reads no stdin
    } catch (IOException e) {
      throw ComputeException.builder(ComputeException.Kind.VALIDATION,
              "image: cannot start command: " + e.getMessage())
          .provider(LocalComputeProvider.NAME)
          .computeId(pod.id)
          .build();
    }
    pod.started(process, port);
    process.onExit().thenAccept(p -> {
      if (pod.crashed(p)) {
        LOG.log(Level.WARNING, "local pod {0} exited with code {1}; see {2}", pod.id, p.exitValue(), pod.logFile);
      }
    });
  }

  private static int hostPort(LaunchSpec spec) {
    Integer fixed = fixedPort(spec);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(new InetSocketAddress(loopback, fixed == null ? 0 : fixed));
      return probe.getLocalPort();
    } catch (IOException e) {
      if (fixed == null) {
        throw fail(ComputeException.Kind.CAPACITY_UNAVAILABLE, "no free port on 127.0.0.1");
      }
      throw fail(ComputeException.Kind.CAPACITY_UNAVAILABLE, "port " + fixed + " on 127.0.0.1 is already in use");
    }
  }

  private static Integer fixedPort(LaunchSpec spec) {
    String value = spec.request().providerOptions().get(LocalComputeProvider.PORT_OPTION);
    if (value == null) {
      return null;
    }
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw fail(ComputeException.Kind.VALIDATION,
        "providerOptions: " + LocalComputeProvider.PORT_OPTION + " must be a port number, was '" + value + "'");
  }

  private static ComputeException fail(ComputeException.Kind kind, String message) {
    return ComputeException.builder(kind, message).provider(LocalComputeProvider.NAME).build();
  }
}
