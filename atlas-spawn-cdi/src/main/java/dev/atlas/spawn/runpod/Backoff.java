package dev.atlas.spawn.runpod;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/** Computes jittered waits for a {@link RetryPolicy}. */
final class Backoff {
  private final RetryPolicy policy;
  private final DoubleSupplier random; // uniform in [0, 1)

  Backoff(RetryPolicy policy, DoubleSupplier random) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.random = Objects.requireNonNull(random, "random");
  }

  RetryPolicy policy() {
    return policy;
  }

  /** The wait before retry {@code retry} (1-based), with no hint from the server. */
  Duration delay(int retry) {
    long base = policy.baseDelay().toNanos();
    long cap = policy.maxDelay().toNanos();
    int shift = Math.min(Math.max(retry - 1, 0), 30);
    long ceiling = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    return Duration.ofNanos((long) (ceiling * fraction()));
  }

  /** The wait when the server asked for {@code retryAfter}: never less than it. */
  Duration delay(Duration retryAfter) {
    long jitter = (long) (policy.baseDelay().toNanos() * fraction());
    return retryAfter.plusNanos(jitter);
  }

  /** Whether a server-requested wait is short enough to wait for by ourselves. */
  boolean waitsFor(Duration retryAfter) {
    return retryAfter.compareTo(policy.maxRetryAfter()) <= 0;
  }

  private double fraction() {
    double f = random.getAsDouble();
    return f < 0 || f >= 1 || Double.isNaN(f) ? 0.5 : f;
  }
}
