package dev.atlas.spawn.runpod;

import java.time.Duration;

/** Client settings for tests against {@link FakeRunPod}: fixed jitter, recorded (not real) waits. */
final class FakeSetup {
  static final String API_KEY = "rpa_TESTKEY0123456789abcdefghijklmnop";

  private FakeSetup() {}

  static RunPodConfig.Builder config(FakeRunPod fake, Sleeper sleeper) {
    return config(fake.baseUrl(), sleeper);
  }

  static RunPodConfig.Builder config(java.net.URI baseUrl, Sleeper sleeper) {
    return RunPodConfig.builder()
        .baseUrl(baseUrl)
        .apiKey(RunPodApiKey.of(API_KEY))
        .owner("test")
        .requestTimeout(Duration.ofSeconds(5))
        .sleeper(sleeper)
        .random(() -> 0.5);
  }

  /** A loopback port nothing listens on (bound, then released). */
  static int closedPort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
