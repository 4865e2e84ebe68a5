package dev.atlas.spawn.local;

import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeStatus;
import dev.atlas.spawn.LaunchSpec;
import dev.atlas.spawn.Port;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One local pod: its launch, its current process (if any) and what we asked of it. */
final class LocalPod {
  /** What the caller last asked for; decides how an exit is reported. */
  enum Intent {
    RUN,
    STOP,
    TERMINATE
  }

  final String id;
  final LaunchSpec spec;
  final Path logFile;
  final Instant createdAt;
  private volatile Process process;
  private int hostPort;
  private volatile Intent intent = Intent.RUN;

  LocalPod(String id, LaunchSpec spec, Path logFile, Instant createdAt) {
    this.id = id;
    this.spec = spec;
    this.logFile = logFile;
    this.createdAt = createdAt;
  }

  synchronized void started(Process process, int hostPort) {
    this.process = process;
    this.hostPort = hostPort;
    this.intent = Intent.RUN;
  }

  Optional<ProcessHandle> handle() {
    return Optional.ofNullable(process).map(Process::toHandle);
  }

  /** Whether {@code exited} is the current process and ended non-zero while meant to run. */
  boolean crashed(Process exited) {
    return exited == process && intent == Intent.RUN && exited.exitValue() != 0;
  }

  synchronized Intent intent() {
    return intent;
  }

  /** Ends the process tree (if running) and records why; returns whether nothing is left. */
  synchronized boolean end(Intent why, Duration grace) {
    intent = why;
    if (process == null) {
      return true;
    }
    return ProcessTree.destroy(process.toHandle(), grace);
  }

  synchronized Compute snapshot() {
    ComputeStatus status;
    String detail = null;
    if (process == null) {
      status = intent == Intent.TERMINATE ? ComputeStatus.TERMINATED : ComputeStatus.STOPPED;
    } else if (process.isAlive()) {
      status = ComputeStatus.RUNNING; // status follows the process, whatever was asked
    } else if (intent == Intent.TERMINATE) {
      status = ComputeStatus.TERMINATED;
    } else if (intent == Intent.STOP) {
      status = ComputeStatus.STOPPED;
    } else {
      int code = process.exitValue();
      status = code == 0 ? ComputeStatus.STOPPED : ComputeStatus.FAILED;
      detail = "process exited with code " + code;
    }
    Compute.Builder b =
        Compute.builder(id, LocalComputeProvider.NAME, status, createdAt)
            .statusDetail(detail)
            .name(spec.name())
            .region("localhost")
            .costPerHour(BigDecimal.ZERO);
    if (status == ComputeStatus.RUNNING) {
      for (Port port : spec.request().ports()) {
        String scheme = port.protocol() == Port.Protocol.HTTP ? "http" : "tcp";
        b.endpoint(port, URI.create(scheme + "://127.0.0.1:" + hostPort));
      }
    }
    return b.build();
  }
}
