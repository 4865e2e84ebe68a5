package dev.atlas.spawn.fake;

import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.ComputeRequest;
import dev.atlas.spawn.conformance.ComputeProviderConformance;
import java.util.Map;
import java.util.Optional;

class FakeComputeProviderConformanceTest extends ComputeProviderConformance {
  private final FakeComputeProvider fake = FakeComputeProvider.create();

  @Override
  protected ComputeProvider provider() {
    return fake;
  }

  @Override
  protected ComputeRequest.Builder runnableRequest() {
    return ComputeRequest.builder("ghcr.io/example/pod:1").port("8000/http");
  }

  @Override
  protected Optional<Map<String, String>> observedEnvironment(String id) {
    return Optional.of(fake.launchSpec(id).environmentWithSecrets());
  }
}
