package dev.atlas.spawn.local;

import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.ComputeRequest;
import dev.atlas.spawn.conformance.ComputeProviderConformance;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The local provider against the shared contract, with real child processes. */
class LocalComputeProviderConformanceTest extends ComputeProviderConformance {
  private static LocalComputeProvider local;

  @BeforeAll
  static void createProvider(@TempDir Path dir) {
    local = LocalComputeProvider.create(dir.resolve("logs"), dir, Duration.ofSeconds(5), Clock.systemUTC());
  }

  @AfterAll
  static void closeProvider() {
    local.close();
  }

  @Override
  protected ComputeProvider provider() {
    return local;
  }

  /** A real process that stays up: the contract is about lifecycle, not HTTP. */
  @Override
  protected ComputeRequest.Builder runnableRequest() {
    return ComputeRequest.builder("sleep 60").port("8000/http");
  }

  @Override
  protected Duration statusTimeout() {
    return Duration.ofSeconds(15);
  }

  @Override
  protected Optional<Map<String, String>> observedEnvironment(String id) {
    return Optional.of(Procfs.environment(local.pid(id).orElseThrow()));
  }
}
