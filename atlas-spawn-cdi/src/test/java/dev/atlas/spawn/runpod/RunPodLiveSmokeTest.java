package dev.atlas.spawn.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeRequest;
import dev.atlas.spawn.ComputeSpawner;
import dev.atlas.spawn.ComputeStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Live smoke test against the real RunPod: spends money (a few cents), so it runs only when asked.
 *
 * <p>Runs only when both {@code RUNPOD_API_KEY} and {@code ATLAS_RUNPOD_SMOKE_IMAGE} (the inference
 * pod image, pushed where RunPod can pull it, serving {@code GET /health} on port 8000 behind the
 * bearer filter) are set, and never when {@code CI} is set: it spends money and needs the network,
 * so it is a live check a developer runs on purpose, not a unit test. Run:
 *
 * <pre>
 * RUNPOD_API_KEY=... ATLAS_RUNPOD_SMOKE_IMAGE=ghcr.io/you/atlas-inference-pod:latest \
 *   mvn -B -ntp -pl atlas-spawn-cdi -am verify -Dtest=RunPodLiveSmokeTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * It spawns the cheapest secure-cloud GPU the catalog shows in stock (up to three candidates),
 * waits until the pod is RUNNING and its health check answers the minted token, calls it with and
 * without the token, and terminates it, pass or fail.
 */
@EnabledIf("liveRunRequested")
class RunPodLiveSmokeTest {
  /** Both variables set, and not on CI. */
  static boolean liveRunRequested() {
    return isSet("RUNPOD_API_KEY") && isSet("ATLAS_RUNPOD_SMOKE_IMAGE") && System.getenv("CI") == null;
  }

  private static boolean isSet(String name) {
    String value = System.getenv(name);
    return value != null && !value.isBlank();
  }

  private static final Set<Availability> IN_STOCK = Set.of(Availability.HIGH, Availability.MEDIUM, Availability.LOW);

  @Test
  void spawnsTheCheapestGpuInStockAwaitsReadyCallsItWithTheTokenAndTerminatesIt() throws Exception {
    RunPodProvider provider = RunPodProvider.create(RunPodConfig.fromEnvironment());
    List<String> cheapest = provider.gpuCatalog(1).stream()
        .filter(g -> g.secure() && IN_STOCK.contains(g.availability()))
        .sorted(Comparator.comparingDouble(g -> g.price(Cloud.SECURE)))
        .limit(3).map(GpuType::id).toList();
    assertThat(cheapest).as("GPU types in stock on the secure cloud").isNotEmpty();
    ComputeRequest request = ComputeRequest.builder(System.getenv("ATLAS_RUNPOD_SMOKE_IMAGE"))
        .port("8000/http").diskGb(20).providerOption(RunPodProvider.OPTION_GPU_IDS, String.join(",", cheapest))
        .build();
    ComputeSpawner spawner = ComputeSpawner.builder(provider).pollInterval(Duration.ofSeconds(10)).build();

    Compute ready = spawner.spawnAndAwaitReady(request, Duration.ofMinutes(15)); // terminates it on failure
    try {
      assertThat(ready.status()).isEqualTo(ComputeStatus.RUNNING);
      URI health = URI.create(ready.url().orElseThrow() + "/health");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
      HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(60))
          .header("Authorization", ready.auth().orElseThrow().headerValue()).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> without = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(withToken.statusCode()).isBetween(200, 299);
      assertThat(without.statusCode()).isEqualTo(401);
    } finally {
      spawner.terminate(ready.id());
    }
    assertThat(provider.get(ready.id()).map(Compute::status)).isIn(java.util.Optional.empty(),
        java.util.Optional.of(ComputeStatus.TERMINATED));
  }
}
