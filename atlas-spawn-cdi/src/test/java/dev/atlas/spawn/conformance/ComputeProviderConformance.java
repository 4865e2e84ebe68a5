package dev.atlas.spawn.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeException;
import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.ComputeRequest;
import dev.atlas.spawn.ComputeStatus;
import dev.atlas.spawn.Endpoint;
import dev.atlas.spawn.Gpu;
import dev.atlas.spawn.LaunchSpec;
import dev.atlas.spawn.Port;
import dev.atlas.spawn.ProviderCapabilities;
import dev.atlas.spawn.ReservedEnv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ComputeProvider} must honour. Extend it in your provider's tests:
 *
 * <pre>{@code
 * class MyProviderConformanceTest extends ComputeProviderConformance {
 *   protected ComputeProvider provider() { return myProvider; }
 *   protected ComputeRequest.Builder runnableRequest() { return ComputeRequest.builder("img").port("8000/http"); }
 * }
 * }</pre>
 *
 * Ship it with {@code dev.atlas:atlas-spawn-cdi:test-jar} plus JUnit 5 and AssertJ on your test
 * classpath. Every pod a test spawns is terminated after it, pass or fail.
 */
public abstract class ComputeProviderConformance {
  private final List<String> spawned = new ArrayList<>();

  /** The provider under test; may return the same instance for every test. */
  protected abstract ComputeProvider provider();

  /** A request this provider can run (with at least one HTTP port), without auth settings. */
  protected abstract ComputeRequest.Builder runnableRequest();

  /** How long a pod may take to change status (boot, stop, terminate). */
  protected Duration statusTimeout() {
    return Duration.ofSeconds(30);
  }

  /**
   * The environment the pod with {@code id} really received, where the provider can show it (the
   * fake records it, the local provider reads {@code /proc}); empty skips that check.
   */
  protected Optional<Map<String, String>> observedEnvironment(String id) {
    return Optional.empty();
  }

  @AfterEach
  void terminateEverythingSpawned() {
    for (String id : spawned) {
      provider().terminate(id);
    }
    spawned.clear();
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A launch of {@code request} with a known fake credential injected. */
  protected static LaunchSpec launch(ComputeRequest request, String secret) {
    String launchId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return LaunchSpec.of(request, launchId, Map.of(ReservedEnv.PRESHARED_KEY, secret));
  }

  protected final Compute spawn(LaunchSpec spec) {
    Compute compute = provider().spawn(spec);
    spawned.add(compute.id());
    return compute;
  }

  protected final Compute spawnRunnable() {
    return spawn(launch(runnableRequest().build(), "conformance-secret-" + UUID.randomUUID()));
  }

  protected final Compute awaitStatus(String id, ComputeStatus status) {
    return Await.until(
        "pod " + id + " to be " + status,
        statusTimeout(),
        () -> provider().get(id).filter(c -> c.status() == status));
  }

  // ---- the contract -------------------------------------------------------------------------

  @Test
  void nameIsShortLowercase() {
    assertThat(provider().name()).matches("[a-z][a-z0-9_-]{0,31}");
  }

  @Test
  void capabilitiesAreReported() {
    ProviderCapabilities caps = provider().capabilities();
    assertThat(caps).isNotNull();
    assertThat(caps.maxPorts()).isPositive();
    if (caps.gpuRequired()) {
      assertThat(caps.gpus()).isNotEmpty();
    }
  }

  @Test
  void spawnReturnsAnAcceptedPodWithIdProviderNameAndNoCredentials() {
    LaunchSpec spec = launch(runnableRequest().build(), "s3cr3t-" + UUID.randomUUID());
    Compute compute = spawn(spec);

    assertThat(compute.id()).isNotBlank();
    assertThat(compute.provider()).isEqualTo(provider().name());
    assertThat(compute.status()).isNotIn(ComputeStatus.FAILED, ComputeStatus.TERMINATED);
    assertThat(compute.name()).hasValueSatisfying(n -> assertThat(n).contains(spec.launchId())); // names the spawn
    assertThat(compute.createdAt()).isNotNull();
    assertThat(compute.auth()).isEmpty();
  }

  @Test
  void spawnedPodCanBeReadAndIsListed() {
    Compute compute = spawnRunnable();

    assertThat(provider().get(compute.id())).hasValueSatisfying(c -> {
      assertThat(c.id()).isEqualTo(compute.id());
      assertThat(c.provider()).isEqualTo(provider().name());
      assertThat(c.name()).isEqualTo(compute.name()); // one name, whoever asks
    });
    assertThat(provider().list()).extracting(Compute::id).contains(compute.id());
  }

  @Test
  void runningPodHasAnEndpointWithAUrlForEveryRequestedPort() {
    ComputeRequest request = runnableRequest().build();
    Compute compute = spawn(launch(request, "secret"));
    Compute running = awaitStatus(compute.id(), ComputeStatus.RUNNING);

    assertThat(running.endpoints()).extracting(Endpoint::port)
        .containsExactlyElementsOf(request.ports());
    for (Endpoint endpoint : running.endpoints()) {
      String scheme = endpoint.url().getScheme();
      if (endpoint.port().protocol() == Port.Protocol.HTTP) {
        assertThat(scheme).isIn("http", "https");
        assertThat(endpoint.url().getPath()).isIn("", null);
      } else {
        assertThat(scheme).isEqualTo("tcp");
      }
    }
    assertThat(running.url()).isPresent();
  }

  @Test
  void podReceivesTheRequestEnvAndTheInjectedCredential() {
    ComputeRequest request = runnableRequest().env("CONFORMANCE_PLAIN", "plain value").build();
    String secret = "injected-" + UUID.randomUUID();
    LaunchSpec spec = launch(request, secret);
    Compute compute = spawn(spec);
    awaitStatus(compute.id(), ComputeStatus.RUNNING);

    Optional<Map<String, String>> env = observedEnvironment(compute.id());
    env.ifPresent(e -> assertThat(e)
        .containsEntry("CONFORMANCE_PLAIN", "plain value")
        .containsEntry(ReservedEnv.PRESHARED_KEY, secret)
        .containsEntry(ReservedEnv.LAUNCH_ID, spec.launchId()));
  }

  @Test
  void injectedSecretNeverAppearsInWhatTheProviderReturns() {
    String secret = "never-shown-" + UUID.randomUUID();
    Compute compute = spawn(launch(runnableRequest().build(), secret));

    assertThat(compute.toString()).doesNotContain(secret);
    assertThat(provider().get(compute.id()).orElseThrow().toString()).doesNotContain(secret);
    assertThat(provider().list().toString()).doesNotContain(secret);
  }

  @Test
  void terminateEndsThePodForGood() {
    Compute compute = spawnRunnable();
    provider().terminate(compute.id());

    Await.until("pod to be gone or TERMINATED", statusTimeout(),
        () -> provider().get(compute.id()).map(c -> c.status() == ComputeStatus.TERMINATED).orElse(true));
    assertThat(provider().list()).filteredOn(c -> c.id().equals(compute.id()))
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(ComputeStatus.TERMINATED));
  }

  @Test
  void terminateIsIdempotent() {
    Compute compute = spawnRunnable();
    provider().terminate(compute.id());
    provider().terminate(compute.id());

    assertThat(provider().get(compute.id()).map(Compute::status)).isIn(Optional.empty(), Optional.of(ComputeStatus.TERMINATED));
  }

  @Test
  void terminateOfAnUnknownIdIsASuccess() {
    provider().terminate("never-spawned-" + UUID.randomUUID());
  }

  @Test
  void getOfAnUnknownIdIsEmpty() {
    assertThat(provider().get("never-spawned-" + UUID.randomUUID())).isEmpty();
  }

  @Test
  void stopOfAnUnknownIdIsNotFoundOrUnsupported() {
    ComputeException e = catchThrowableOfType(ComputeException.class,
        () -> provider().stop("never-spawned-" + UUID.randomUUID()));
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(provider().capabilities().stopStart()
        ? ComputeException.Kind.NOT_FOUND : ComputeException.Kind.UNSUPPORTED);
  }

  @Test
  void stopAndStartWorkWhenSupportedElseAreUnsupported() {
    Compute compute = spawnRunnable();
    awaitStatus(compute.id(), ComputeStatus.RUNNING);
    if (!provider().capabilities().stopStart()) {
      assertThatThrownBy(() -> provider().stop(compute.id()))
          .isInstanceOfSatisfying(ComputeException.class,
              e -> assertThat(e.kind()).isEqualTo(ComputeException.Kind.UNSUPPORTED));
      return;
    }
    provider().stop(compute.id());
    awaitStatus(compute.id(), ComputeStatus.STOPPED);
    provider().start(compute.id());
    Compute restarted = awaitStatus(compute.id(), ComputeStatus.RUNNING);
    assertThat(restarted.id()).isEqualTo(compute.id());
    assertThat(restarted.url()).isPresent();
  }

  @Test
  void moreThanMaxPortsIsUnsupported() {
    int max = provider().capabilities().maxPorts();
    ComputeRequest.Builder request = runnableRequest();
    Set<Integer> used = new HashSet<>();
    request.build().ports().forEach(p -> used.add(p.number()));
    for (int port = 20000; used.size() <= max; port++) {
      if (used.add(port)) {
        request.port(Port.http(port));
      }
    }
    assertThatThrownBy(() -> spawn(launch(request.build(), "secret")))
        .isInstanceOfSatisfying(ComputeException.class,
            e -> assertThat(e.kind()).isEqualTo(ComputeException.Kind.UNSUPPORTED));
  }

  @Test
  void aGpuTheProviderDoesNotSellIsUnsupported() {
    Set<Gpu> sold = provider().capabilities().gpus();
    Optional<Gpu> unsold = Arrays.stream(Gpu.values()).filter(g -> !sold.contains(g)).findFirst();
    if (sold.isEmpty() || unsold.isEmpty()) {
      return; // CPU-only or sells every type: nothing to refuse
    }
    ComputeRequest request = runnableRequest().gpu(unsold.get()).build();
    assertThatThrownBy(() -> spawn(launch(request, "secret")))
        .isInstanceOfSatisfying(ComputeException.class,
            e -> assertThat(e.kind()).isEqualTo(ComputeException.Kind.UNSUPPORTED));
  }

  @Test
  void everySpawnGetsItsOwnId() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      ids.add(spawnRunnable().id());
    }
    assertThat(ids).hasSize(3);
  }
}
