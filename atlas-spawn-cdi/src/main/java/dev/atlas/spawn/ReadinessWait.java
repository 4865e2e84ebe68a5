package dev.atlas.spawn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Polls a pod until it is RUNNING and healthy, it fails, or the deadline passes. */
final class ReadinessWait {
  private final ComputeProvider provider;
  private final ReadinessProbe probe;
  private final Clock clock;
  private final Duration pollInterval;

  ReadinessWait(ComputeProvider provider, ReadinessProbe probe, Clock clock, Duration pollInterval) {
    this.provider = provider;
    this.probe = probe;
    this.clock = clock;
    this.pollInterval = pollInterval;
  }

  /**
   * Waits for {@code spawned}, whose auth (if any) is used for the probe.
   *
   * @throws ComputeException TIMEOUT at the deadline or on interrupt, PROVIDER when the pod goes
   *     down or disappears
   */
  Compute await(Compute spawned, Instant deadline, Duration timeout) {
    String id = spawned.id();
    String last = "status " + spawned.status();
    while (true) {
      Compute current =
          provider.get(id).orElseThrow(() -> failure(id, "pod " + id + " disappeared while starting"));
      if (current.status().isDown()) {
        throw failure(
            id,
            "pod " + id + " is " + current.status()
                + current.statusDetail().map(d -> " (" + d + ")").orElse(""));
      }
      if (current.status() == ComputeStatus.RUNNING) {
        if (current.url().isEmpty()) {
          if (current.endpoints().isEmpty() && spawned.endpoints().isEmpty()) {
            return current; // no HTTP port to probe: RUNNING is all we can know
          }
          last = "no URL yet";
        } else {
          try {
            Optional<String> notReady =
                probe.probe(current.url().get(), spawned.auth(), remaining(deadline));
            if (notReady.isEmpty()) {
              return current;
            }
            last = "health: " + notReady.get();
          } catch (InterruptedException e) {
            throw interrupted(id);
          }
        }
      } else {
        last = "status " + current.status();
      }
      Duration left = remaining(deadline);
      if (left.isZero()) {
        throw ComputeException.builder(
                ComputeException.Kind.TIMEOUT,
                "pod " + id + " not ready within " + timeout + " (last: " + last + ")")
            .provider(provider.name())
            .computeId(id)
            .build();
      }
      try {
        Thread.sleep(Math.max(1, Math.min(jittered().toMillis(), left.toMillis())));
      } catch (InterruptedException e) {
        throw interrupted(id);
      }
    }
  }

  private Duration jittered() {
    long mean = pollInterval.toMillis();
    return Duration.ofMillis(mean / 2 + ThreadLocalRandom.current().nextLong(mean / 2 + 1));
  }

  private Duration remaining(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  private ComputeException interrupted(String id) {
    Thread.currentThread().interrupt();
    return ComputeException.builder(
            ComputeException.Kind.TIMEOUT, "interrupted while waiting for pod " + id)
        .provider(provider.name())
        .computeId(id)
        .build();
  }

  private ComputeException failure(String id, String message) {
    return ComputeException.builder(ComputeException.Kind.PROVIDER, message)
        .provider(provider.name())
        .computeId(id)
        .build();
  }
}
