package dev.atlas.spawn.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.atlas.spawn.runpod.FakeRunPod.Fault;
import dev.atlas.spawn.runpod.FakeRunPod.Route;
import dev.atlas.spawn.runpod.PodCreator.Candidate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PodCreatorTest {
  private static final String RTX = "NVIDIA GeForce RTX 4090";
  private static final String H100 = "NVIDIA H100 80GB HBM3";
  private static final String H100_PCIE = "NVIDIA H100 PCIe";
  private static final List<Candidate> ONE = List.of(new Candidate(RTX, Cloud.SECURE));
  private static final List<Candidate> THREE = List.of(
      new Candidate(H100, Cloud.SECURE), new Candidate(H100_PCIE, Cloud.SECURE), new Candidate(RTX, Cloud.SECURE));

  private final FakeRunPod fake = FakeRunPod.start(FakeSetup.API_KEY);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final RunPodConfig config = FakeSetup.config(fake, sleeper).build();
  private final RunPodClient client = RunPodClient.create(config);
  private final PodCreator creator = new PodCreator(client, config);

  @AfterEach
  void stop() {
    fake.close();
  }

  private static PodSpec spec(String name) {
    return PodSpec.builder(name, RTX).image("ghcr.io/example/pod:1").port("8000/http")
        .env("ATLAS_PRESHARED_KEY", "secret-0123456789").build();
  }

  private List<String> createdGpus() {
    return fake.requests().stream().filter(r -> r.method().equals("POST") && r.target().equals("/v2/pods"))
        .map(r -> jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readObject()
            .getJsonObject("gpu").getString("id"))
        .toList();
  }

  @Test
  void createsOnTheFirstCandidateThatPlaces() {
    PodCreator.Created c = creator.create(spec("atlas-test-1"), THREE);

    assertThat(c.pod().gpuId()).hasValue(H100);
    assertThat(c.afterAmbiguity()).isFalse();
    assertThat(createdGpus()).containsExactly(H100);
  }

  @Test
  void aCapacity400MovesToTheNextCandidate() {
    fake.state().stock(H100, 0);

    PodCreator.Created c = creator.create(spec("atlas-test-2"), THREE);

    assertThat(c.pod().gpuId()).hasValue(H100_PCIE);
    assertThat(createdGpus()).containsExactly(H100, H100_PCIE);
    assertThat(fake.state().alive()).isEqualTo(1);
  }

  @Test
  void a403MovesToTheNextCandidate() {
    fake.state().forbid(H100);

    assertThat(creator.create(spec("atlas-test-3"), THREE).pod().gpuId()).hasValue(H100_PCIE);
  }

  @Test
  void a402StopsAtOnce() {
    fake.inject(Route.CREATE, Fault.PAYMENT);

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> creator.create(spec("atlas-test-4"), THREE));

    assertThat(e.status()).isEqualTo(402);
    assertThat(createdGpus()).containsExactly(H100);
    assertThat(fake.state().alive()).isZero();
  }

  @Test
  void a422StopsAtOnce() {
    try (StubServer stub = StubServer.answering(uri -> new StubServer.Canned(422,
        java.util.Map.of("Content-Type", "application/problem+json"),
        "{\"title\":\"Unprocessable Entity\",\"status\":422,\"detail\":\"Request validation failed.\"}"))) {
      RunPodConfig c = FakeSetup.config(stub.baseUrl(), sleeper).build();
      PodCreator onStub = new PodCreator(RunPodClient.create(c), c);

      RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> onStub.create(spec("atlas-test-5"), THREE));

      assertThat(e.status()).isEqualTo(422);
      assertThat(e.getMessage()).isEqualTo("RunPod POST /v2/pods: 422 Unprocessable Entity: Request validation failed.");
      assertThat(sleeper.waits()).isEmpty();
    }
  }

  @Test
  void whenEveryCandidateIsRefusedCapacityWinsAndTheMessageListsWhatWasTried() {
    fake.state().stock(H100, 0).forbid(H100_PCIE).stock(RTX, 0);

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> creator.create(spec("atlas-test-6"), THREE));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.capacity()).isTrue();
    assertThat(e.getMessage()).startsWith("no GPU candidate placed pod atlas-test-6 (tried ["
        + H100 + " (SECURE): 400 no capacity, " + H100_PCIE + " (SECURE): 403, " + RTX + " (SECURE): 400 no capacity]); "
        + "last refusal: RunPod POST /v2/pods: 400 Bad Request: There are no longer any instances available");
  }

  @Test
  void aPodCreatedThenAnswered500IsAdoptedNotCreatedAgain() {
    fake.inject(Route.CREATE, Fault.SERVER_ERROR_AFTER);

    PodCreator.Created c = creator.create(spec("atlas-test-7"), ONE);

    assertThat(c.afterAmbiguity()).isTrue();
    assertThat(c.pod().name()).isEqualTo("atlas-test-7");
    assertThat(fake.state().createdNamed("atlas-test-7")).isEqualTo(1);
    assertThat(fake.state().alive()).isEqualTo(1);
  }

  @Test
  void aConnectionDroppedAfterTheCreateIsAdopted() {
    fake.inject(Route.CREATE, Fault.DROP_AFTER);

    assertThat(creator.create(spec("atlas-test-8"), ONE).pod().name()).isEqualTo("atlas-test-8");
    assertThat(fake.state().createdNamed("atlas-test-8")).isEqualTo(1);
  }

  @Test
  void aCreateThatTimedOutIsAdopted() {
    RunPodConfig impatient = FakeSetup.config(fake, sleeper).requestTimeout(Duration.ofMillis(150)).build();
    fake.slowDelay(Duration.ofMillis(600)).inject(Route.CREATE, Fault.SLOW_AFTER);

    PodCreator.Created c = new PodCreator(RunPodClient.create(impatient), impatient).create(spec("atlas-test-9"), ONE);

    assertThat(c.afterAmbiguity()).isTrue();
    assertThat(fake.state().createdNamed("atlas-test-9")).isEqualTo(1);
  }

  @Test
  void a500BeforeTheCreateLeadsToExactlyOneCreateAfterTheListShowsNone() {
    fake.inject(Route.CREATE, Fault.SERVER_ERROR);

    PodCreator.Created c = creator.create(spec("atlas-test-10"), ONE);

    assertThat(c.afterAmbiguity()).isTrue();
    assertThat(fake.state().createdNamed("atlas-test-10")).isEqualTo(1);
    long lists = fake.requests().stream().filter(r -> r.method().equals("GET")).count();
    assertThat(lists).isEqualTo(config.reconcileLookups() + 1); // the lookups, then the duplicate check
  }

  @Test
  void aRateLimitedCreateWaitsRetryAfterAndCreatesOnce() {
    fake.retryAfterSeconds(3).inject(Route.CREATE, Fault.RATE_LIMITED);

    PodCreator.Created c = creator.create(spec("atlas-test-11"), ONE);

    assertThat(c.afterAmbiguity()).isFalse();
    assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(3125));
    assertThat(fake.state().created()).isEqualTo(1);
  }

  @Test
  void whenThePodListCannotBeReadTheCreateIsNotRepeatedAndThePodIsRemovedLater() {
    Fault[] listDown = new Fault[config.retry().maxAttempts() * config.reconcileLookups()];
    java.util.Arrays.fill(listDown, Fault.SERVER_ERROR);
    fake.inject(Route.CREATE, Fault.SERVER_ERROR_AFTER).inject(Route.LIST, listDown);

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> creator.create(spec("atlas-test-12"), ONE));

    assertThat(e.getMessage()).startsWith("create of atlas-test-12 may have succeeded and the pod list could not be read");
    assertThat(fake.state().createdNamed("atlas-test-12")).isEqualTo(1);
    assertThat(fake.state().alive()).isZero(); // the cleanup's list worked again, and deleted it
  }

  @Test
  void aPodHiddenByListingLagIsFoundByALaterLookup() {
    fake.state().listLag(1);
    fake.inject(Route.CREATE, Fault.SERVER_ERROR_AFTER);

    PodCreator.Created c = creator.create(spec("atlas-test-13"), ONE);

    assertThat(c.pod().name()).isEqualTo("atlas-test-13");
    assertThat(fake.state().createdNamed("atlas-test-13")).isEqualTo(1);
  }

  @Test
  void aLateDuplicateThatListingLagHidIsDeletedOnceItShows() {
    fake.state().listLag(config.reconcileLookups());
    fake.inject(Route.CREATE, Fault.SERVER_ERROR_AFTER);

    PodCreator.Created c = creator.create(spec("atlas-test-14"), ONE);

    assertThat(fake.state().createdNamed("atlas-test-14")).isEqualTo(2); // lag hid the first one
    assertThat(fake.state().alive()).isEqualTo(1);
    assertThat(fake.state().status(c.pod().id())).isNotNull();
  }

  @Test
  void aCreateThatEndsInAnErrorLeavesNoPodBehind() {
    fake.state().listLag(config.reconcileLookups());
    fake.inject(Route.CREATE, Fault.SERVER_ERROR_AFTER, Fault.PAYMENT);

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> creator.create(spec("atlas-test-15"), ONE));

    assertThat(e.status()).isEqualTo(402);
    assertThat(fake.state().createdNamed("atlas-test-15")).isEqualTo(1);
    assertThat(fake.state().alive()).isZero();
  }

  @Test
  void ambiguousFailuresOnEveryAttemptEndInAnErrorWithNoPodLeft() {
    fake.inject(Route.CREATE, Fault.SERVER_ERROR, Fault.DROP, Fault.SERVER_ERROR);

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> creator.create(spec("atlas-test-16"), ONE));

    assertThat(e.status()).isEqualTo(500);
    assertThat(fake.state().created()).isZero();
    assertThat(fake.requests().stream().filter(r -> r.method().equals("POST")).count()).isEqualTo(3);
  }

  @Test
  void interruptedWhileWaitingStillCleansUpAndKeepsTheInterruptFlag() {
    Sleeper interrupting = d -> {
      throw new InterruptedException();
    };
    RunPodConfig c = FakeSetup.config(fake, interrupting).build();
    fake.state().listLag(1);
    fake.inject(Route.CREATE, Fault.SERVER_ERROR_AFTER);

    try {
      RunPodApiException e = catchThrowableOfType(RunPodApiException.class,
          () -> new PodCreator(RunPodClient.create(c), c).create(spec("atlas-test-17"), ONE));

      assertThat(e.failure()).isEqualTo(RunPodApiException.Failure.INTERRUPTED);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(fake.state().alive()).isZero();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void noCandidateIsAProgrammingError() {
    assertThatThrownBy(() -> creator.create(spec("atlas-test-18"), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("candidates: at least one GPU candidate is needed");
  }
}
