package dev.atlas.spawn.local;

import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeException;
import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.ComputeStatus;
import dev.atlas.spawn.LaunchSpec;
import dev.atlas.spawn.ProviderCapabilities;
import dev.atlas.spawn.ProviderSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real pods as child processes of this JVM, for development and tests: no account, no GPU.
 *
 * <p>The request's image is a command line, run without a shell ({@code java} means this JVM's
 * launcher). The process gets a clean environment (only {@code PATH}, {@code HOME}, {@code LANG},
 * {@code LC_ALL}, {@code TZ}, {@code TMPDIR}, {@code JAVA_HOME} and {@code USER} pass through from
 * this JVM), then the request's env and the injected credential, then {@code PORT}: a free port on
 * loopback, published as {@code http://127.0.0.1:<port>}. Its output goes to {@code
 * <log-dir>/<id>.log}. Status follows the process: alive is RUNNING, a non-zero exit FAILED.
 * Terminate and stop end the whole process tree (SIGTERM, then SIGKILL after the grace period); a
 * shutdown hook ends every pod when the JVM exits (a JVM killed with SIGKILL cannot do that).
 *
 * <p>Settings: {@value #LOG_DIR_KEY} (default {@code <tmp>/atlas-local-pods}), {@value
 * #WORK_DIR_KEY} (default the current directory), {@value #STOP_GRACE_KEY} (default 5 s). Provider
 * option {@value #PORT_OPTION} asks for a fixed port (refused when taken).
 */
public final class LocalComputeProvider implements ComputeProvider {
  public static final String NAME = "local";
  public static final String LOG_DIR_KEY = "atlas.spawn.local.log-dir";
  public static final String WORK_DIR_KEY = "atlas.spawn.local.work-dir";
  public static final String STOP_GRACE_KEY = "atlas.spawn.local.stop-grace";
  /** Provider option: the loopback port to use instead of a free one. */
  public static final String PORT_OPTION = "local.port";
  /** The variable carrying the pod's port. */
  public static final String PORT_ENV = "PORT";

  private static final System.Logger LOG = System.getLogger(LocalComputeProvider.class.getName());
  private static final List<String> PASS_THROUGH =
      List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "JAVA_HOME", "USER");

  private final Path logDir;
  private final Path workDir;
  private final Duration stopGrace;
  private final Clock clock;
  private final Map<String, LocalPod> pods = new ConcurrentHashMap<>();
  private final Thread shutdownHook;

  private LocalComputeProvider(Path logDir, Path workDir, Duration stopGrace, Clock clock) {
    this.logDir = logDir;
    this.workDir = workDir;
    this.stopGrace = stopGrace;
    this.clock = clock;
    this.shutdownHook = new Thread(this::endAllAtExit, "atlas-local-pods-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** A provider configured from {@code settings} (see the class comment). */
  public static LocalComputeProvider create(ProviderSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Path logDir =
        Path.of(settings.get(LOG_DIR_KEY,
            Path.of(System.getProperty("java.io.tmpdir"), "atlas-local-pods").toString()));
    Path workDir = Path.of(settings.get(WORK_DIR_KEY, System.getProperty("user.dir")));
    Duration grace = settings.duration(STOP_GRACE_KEY, Duration.ofSeconds(5));
    return create(logDir, workDir, grace, Clock.systemUTC());
  }

  /** A provider writing logs to {@code logDir} and running commands in {@code workDir}. */
  public static LocalComputeProvider create(Path logDir, Path workDir, Duration stopGrace, Clock clock) {
    Objects.requireNonNull(logDir, "logDir");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(stopGrace, "stopGrace");
    Objects.requireNonNull(clock, "clock");
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw ComputeException.builder(
              ComputeException.Kind.VALIDATION, LOG_DIR_KEY + ": cannot create " + logDir)
          .provider(NAME)
          .cause(e)
          .build();
    }
    if (!Files.isDirectory(workDir)) {
      throw ComputeException.of(
          ComputeException.Kind.VALIDATION, WORK_DIR_KEY + ": not a directory: " + workDir);
    }
    return new LocalComputeProvider(logDir, workDir, stopGrace, clock);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProviderCapabilities capabilities() {
    return ProviderCapabilities.builder().stopStart(true).maxPorts(1).build();
  }

  @Override
  public Compute spawn(LaunchSpec spec) {
    Objects.requireNonNull(spec, "spec");
    LocalLaunch.check(spec);
    String id = "local-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    LocalPod pod = new LocalPod(id, spec, logDir.resolve(id + ".log"), clock.instant());
    pods.put(id, pod);
    try {
      LocalLaunch.start(pod, workDir, PASS_THROUGH);
    } catch (ComputeException e) {
      pods.remove(id);
      throw e;
    }
    LOG.log(Level.INFO, "local pod {0} started: pid {1}, log {2}", id,
        pod.handle().map(ProcessHandle::pid).orElse(-1L), pod.logFile);
    return pod.snapshot();
  }

  @Override
  public Optional<Compute> get(String id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(pods.get(id)).map(LocalPod::snapshot);
  }

  @Override
  public List<Compute> list() {
    List<Compute> out = new ArrayList<>();
    pods.values().forEach(p -> out.add(p.snapshot()));
    return out;
  }

  @Override
  public Compute stop(String id) {
    LocalPod pod = known(id);
    if (pod.intent() == LocalPod.Intent.TERMINATE) {
      throw terminated(id);
    }
    end(pod, LocalPod.Intent.STOP);
    return pod.snapshot();
  }

  @Override
  public Compute start(String id) {
    LocalPod pod = known(id);
    synchronized (pod) {
      if (pod.intent() == LocalPod.Intent.TERMINATE) {
        throw terminated(id);
      }
      if (pod.snapshot().status() == ComputeStatus.RUNNING) {
        return pod.snapshot();
      }
      LocalLaunch.start(pod, workDir, PASS_THROUGH);
      LOG.log(Level.INFO, "local pod {0} started again", id);
      return pod.snapshot();
    }
  }

  @Override
  public void terminate(String id) {
    Objects.requireNonNull(id, "id");
    LocalPod pod = pods.get(id);
    if (pod != null && pod.intent() != LocalPod.Intent.TERMINATE) {
      end(pod, LocalPod.Intent.TERMINATE);
      LOG.log(Level.INFO, "local pod {0} terminated", id);
    }
  }

  /** The pod's log file (its stdout and stderr). */
  public Optional<Path> logFile(String id) {
    return Optional.ofNullable(pods.get(id)).map(p -> p.logFile);
  }

  /** The process id of the pod's current process, if it has one. */
  public OptionalLong pid(String id) {
    return Optional.ofNullable(pods.get(id))
        .flatMap(LocalPod::handle)
        .map(h -> OptionalLong.of(h.pid()))
        .orElse(OptionalLong.empty());
  }

  /** Terminates every pod and removes the shutdown hook. */
  @Override
  public void close() {
    pods.values().forEach(p -> {
      if (p.intent() != LocalPod.Intent.TERMINATE) {
        end(p, LocalPod.Intent.TERMINATE);
      }
    });
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it ends nothing twice
    }
  }

  private void end(LocalPod pod, LocalPod.Intent why) {
    if (!pod.end(why, stopGrace)) {
      throw ComputeException.builder(
              ComputeException.Kind.PROVIDER, "local pod " + pod.id + " did not exit after SIGKILL")
          .provider(NAME)
          .computeId(pod.id)
          .build();
    }
  }

  private void endAllAtExit() {
    Duration grace = stopGrace.compareTo(Duration.ofSeconds(2)) < 0 ? stopGrace : Duration.ofSeconds(2);
    // No locks here: a thread stuck in stop() must not keep a pod alive past the JVM.
    List<ProcessHandle> roots = new ArrayList<>();
    pods.values().forEach(p -> p.handle().filter(ProcessHandle::isAlive).ifPresent(roots::add));
    ProcessTree.destroyAll(roots, grace);
  }

  private LocalPod known(String id) {
    Objects.requireNonNull(id, "id");
    LocalPod pod = pods.get(id);
    if (pod == null) {
      throw ComputeException.builder(ComputeException.Kind.NOT_FOUND, "no local pod " + id)
          .provider(NAME)
          .computeId(id)
          .build();
    }
    return pod;
  }

  private static ComputeException terminated(String id) {
    return ComputeException.builder(ComputeException.Kind.VALIDATION, "local pod " + id + " is terminated")
        .provider(NAME)
        .computeId(id)
        .build();
  }
}
