package dev.atlas.spawn.runpod;

import java.time.Duration;

/**
 * Waits between retries. The default sleeps the calling thread; tests inject one that records the
 * requested waits and returns at once, so no test really sleeps through a backoff.
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits {@code duration}; a zero or negative duration returns at once. */
  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps the calling thread. */
  static Sleeper threadSleep() {
    return duration -> {
      if (!duration.isNegative() && !duration.isZero()) {
        Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
      }
    };
  }
}
