package dev.atlas.spawn.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeException;
import dev.atlas.spawn.ComputeRequest;
import dev.atlas.spawn.Gpu;
import dev.atlas.spawn.LaunchSpec;
import dev.atlas.spawn.ReservedEnv;
import dev.atlas.spawn.runpod.FakeRunPod.Fault;
import dev.atlas.spawn.runpod.FakeRunPod.Route;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 1000 spawns, each terminated at once, against the fake with 20% of all calls faulted: errors
 * before and after RunPod acted, dropped connections, answers slower than the client waits, 429,
 * capacity, 402. No pod may be left and no spawn may create two.
 *
 * <p>Run alone: {@code mvn -B -ntp -pl atlas-spawn-cdi -am verify -Dtest=RunPodChaosTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; the figures are printed.
 */
class RunPodChaosTest {
  private static final int SPAWNS = 1000;
  private static final double FAULT_RATE = Double.parseDouble(System.getProperty("chaosRate", "0.20"));
  private static final long SEED = 20261203L;
  /** Callers spawning at once: the provider is shared, as in a control plane. */
  private static final int CALLERS = 8;

  private static final List<Fault> READ_FAULTS = List.of(Fault.SERVER_ERROR, Fault.SERVER_ERROR_AFTER,
      Fault.UNAVAILABLE, Fault.DROP, Fault.RATE_LIMITED, Fault.SLOW_AFTER);
  private static final Map<Route, List<Fault>> FAULTS = Map.of(
      Route.CREATE, List.of(Fault.SERVER_ERROR, Fault.SERVER_ERROR_AFTER, Fault.UNAVAILABLE, Fault.DROP,
          Fault.DROP_AFTER, Fault.RATE_LIMITED, Fault.CAPACITY, Fault.PAYMENT, Fault.SLOW_AFTER),
      Route.LIST, READ_FAULTS,
      Route.GET, READ_FAULTS,
      Route.CATALOG, READ_FAULTS,
      Route.DELETE, List.of(Fault.SERVER_ERROR, Fault.SERVER_ERROR_AFTER, Fault.UNAVAILABLE, Fault.DROP,
          Fault.DROP_AFTER, Fault.RATE_LIMITED, Fault.SLOW_AFTER));

  @Test
  void thousandSpawnsWithTwentyPercentOfCallsFaultedLeaveNoPodAndNoDuplicate() throws InterruptedException {
    RecordingSleeper sleeper = new RecordingSleeper();
    java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("dev.atlas.spawn.runpod");
    java.util.logging.Level before = quiet.getLevel();
    quiet.setLevel(java.util.logging.Level.WARNING); // 2000 INFO lines of creates and terminates say nothing here
    try (FakeRunPod fake = FakeRunPod.start(FakeSetup.API_KEY)) {
      fake.recording(false).slowDelay(Duration.ofMillis(1500)).chaos(FAULT_RATE, SEED, FAULTS);
      RunPodProvider provider = RunPodProvider.create(FakeSetup.config(fake, sleeper)
          // Long enough that only the SLOW_AFTER fault times out, even on a loaded machine: a
          // request the fake acts on only after the client gave up is the one race no client can
          // close (see NOTES-runpod.md); it is not what this test measures.
          .requestTimeout(Duration.ofSeconds(1))
          .catalogTtl(Duration.ofMillis(50)) // re-read the catalog often: more calls to fault
          .build());
      ComputeRequest request = ComputeRequest.builder("ghcr.io/example/inference-pod:1").gpu(Gpu.RTX_4090)
          .port("8000/http").providerOption("gpuIds", "NVIDIA GeForce RTX 4090,NVIDIA H100 PCIe").build();

      AtomicInteger spawned = new AtomicInteger();
      Map<ComputeException.Kind, Integer> failedByKind = new ConcurrentHashMap<>();
      Map<ComputeException.Kind, String> sampleMessage = new ConcurrentHashMap<>();
      List<String> terminateFailed = new CopyOnWriteArrayList<>();
      List<Throwable> unexpected = new CopyOnWriteArrayList<>();
      ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
      long started = System.nanoTime();
      for (int n = 0; n < SPAWNS; n++) {
        int i = n;
        callers.execute(() -> {
          try {
            spawnAndTerminate(provider, request, i, spawned, failedByKind, sampleMessage, terminateFailed);
          } catch (Throwable t) {
            unexpected.add(t);
          }
        });
      }
      callers.shutdown();
      assertThat(callers.awaitTermination(5, TimeUnit.MINUTES)).as("all spawns finished").isTrue();
      Duration wall = Duration.ofNanos(System.nanoTime() - started);
      assertThat(unexpected).as("anything but a clear ComputeException").isEmpty();
      for (String id : terminateFailed) {
        provider.terminate(id);
      }

      int failed = failedByKind.values().stream().mapToInt(Integer::intValue).sum();
      System.out.printf("RunPod chaos: %d spawns, %.0f%% of calls faulted (%d faults: %s)%n"
              + "  spawned and terminated: %d; spawns failed with a clear error: %d %s%n"
              + "  terminate calls that failed after retries (retried by the caller): %d%n"
              + "  pods created: %d; leaked pods: %d; duplicate pods: %d%n"
              + "  wall time: %d ms (backoff waits requested, not slept: %d s)%n  sample errors: %s%n",
          SPAWNS, FAULT_RATE * 100, fake.faultsInjected(), fake.injected(), spawned.get(), failed, failedByKind,
          terminateFailed.size(), fake.state().created(), fake.state().alive(), fake.state().duplicates(),
          wall.toMillis(), sleeper.total().toSeconds(), sampleMessage);

      assertThat(fake.state().alive()).as("leaked pods").isZero();
      assertThat(fake.state().duplicates()).as("duplicate pods").isZero();
      assertThat(spawned.get() + failed).isEqualTo(SPAWNS);
      assertThat(fake.faultsInjected()).as("faults injected").isGreaterThan(SPAWNS / 2);
      assertThat(fake.injected()).containsKeys(Fault.SERVER_ERROR_AFTER, Fault.DROP_AFTER, Fault.SLOW_AFTER);
    } finally {
      quiet.setLevel(before);
    }
  }

  private static void spawnAndTerminate(RunPodProvider provider, ComputeRequest request, int i,
      AtomicInteger spawned, Map<ComputeException.Kind, Integer> failedByKind,
      Map<ComputeException.Kind, String> sampleMessage, List<String> terminateFailed) {
    String secret = "chaos-secret-" + i + "-0123456789abcdefghijklmnopqrstuvwxyz";
    LaunchSpec launch = LaunchSpec.of(request, String.format("chaos%06d", i), Map.of(ReservedEnv.PRESHARED_KEY, secret));
    Compute compute;
    try {
      compute = provider.spawn(launch);
      spawned.incrementAndGet();
    } catch (ComputeException e) {
      assertClear(e, secret);
      failedByKind.merge(e.kind(), 1, Integer::sum);
      sampleMessage.putIfAbsent(e.kind(), e.getMessage());
      return;
    }
    try {
      provider.terminate(compute.id());
    } catch (ComputeException e) {
      assertClear(e, secret);
      terminateFailed.add(compute.id()); // the caller holds the id and an error: it retries later
    }
  }

  private static void assertClear(ComputeException e, String secret) {
    assertThat(e.getMessage()).isNotBlank().doesNotContain(secret).doesNotContain(FakeSetup.API_KEY);
    assertThat(e.provider()).hasValue("runpod");
    for (Throwable s : e.getCause() == null ? new Throwable[0] : e.getCause().getSuppressed()) {
      assertThat(s.getMessage()).doesNotContain(secret).doesNotContain(FakeSetup.API_KEY);
    }
  }
}
