package dev.atlas.spawn.conformance;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling: for states that change in another process. */
public final class Await {
  private static final Duration POLL = Duration.ofMillis(25);

  private Await() {}

  /**
   * Polls {@code probe} until it yields a value or {@code timeout} passes.
   *
   * @throws AssertionError naming {@code what} at the deadline
   */
  public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(POLL.toMillis()); // a poll step of a deadline-bounded condition wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** Polls until {@code condition} holds. */
  public static void until(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
    until(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
  }
}
