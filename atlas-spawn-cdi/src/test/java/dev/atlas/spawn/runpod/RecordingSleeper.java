package dev.atlas.spawn.runpod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Sleeper} that records each requested wait and returns at once: no test sleeps a backoff. */
final class RecordingSleeper implements Sleeper {
  private final List<Duration> waits = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) {
    waits.add(duration);
  }

  synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }

  synchronized Duration total() {
    return waits.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
