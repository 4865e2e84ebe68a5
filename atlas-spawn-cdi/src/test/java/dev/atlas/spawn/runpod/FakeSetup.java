package dev.atlas.spawn.runpod;

import java.time.Duration;

/** Client settings for tests against {@link FakeRunPod}: fixed jitter, recorded (not real) waits. */
final class FakeSetup {
  static final String API_KEY = "rpa_TESTKEY0123456789abcdefghijklmnop";

  private FakeSetup() {}

  static RunPodConfig.Builder config(FakeRunPod fake, Sleeper sleeper) {
    return RunPodConfig.builder()
        .baseUrl(fake.baseUrl())
        .apiKey(RunPodApiKey.of(API_KEY))
        .owner("test")
        .requestTimeout(Duration.ofSeconds(5))
        .sleeper(sleeper)
        .random(() -> 0.5);
  }
}
