package dev.atlas.spawn.runpod;

import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.ComputeRequest;
import dev.atlas.spawn.Gpu;
import dev.atlas.spawn.conformance.ComputeProviderConformance;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;

/** The shared provider contract, run against the RunPod provider talking to the fake RunPod v2 server. */
class RunPodProviderConformanceTest extends ComputeProviderConformance {
  private static final FakeRunPod FAKE = FakeRunPod.start(FakeSetup.API_KEY);
  private static final RunPodProvider PROVIDER =
      RunPodProvider.create(FakeSetup.config(FAKE, new RecordingSleeper()).build());

  @AfterAll
  static void stopFake() {
    FAKE.close();
  }

  @Override
  protected ComputeProvider provider() {
    return PROVIDER;
  }

  @Override
  protected ComputeRequest.Builder runnableRequest() {
    return ComputeRequest.builder("ghcr.io/example/inference-pod:1").gpu(Gpu.RTX_4090).port("8000/http");
  }

  @Override
  protected Optional<Map<String, String>> observedEnvironment(String id) {
    return Optional.of(FAKE.state().env(id));
  }
}
