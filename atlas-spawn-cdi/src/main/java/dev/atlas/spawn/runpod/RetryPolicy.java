package dev.atlas.spawn.runpod;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client retries calls that are safe to repeat (GET and DELETE; never a create).
 *
 * <p>Retry {@code n} (1-based) waits a random time in {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}
 * ("full jitter"). When RunPod sends {@code Retry-After}, the wait is that long plus a random part
 * of up to {@code baseDelay}, never less; a {@code Retry-After} above {@code maxRetryAfter} is not
 * waited for: the call fails at once as rate limited, carrying the server's value.
 *
 * @param maxAttempts attempts in all, first one included (1 disables retries)
 * @param baseDelay the first retry's cap
 * @param maxDelay the cap of any computed wait
 * @param maxRetryAfter the longest {@code Retry-After} the client waits for by itself
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
  /** Five attempts, 250 ms base, 8 s cap, waits for a {@code Retry-After} of up to 60 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(60));

  /** One attempt, no retry. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException("maxAttempts: must be 1..20, was " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("baseDelay, maxDelay, maxRetryAfter: must not be negative");
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay: must be at least baseDelay (" + baseDelay + "), was " + maxDelay);
    }
  }
}
