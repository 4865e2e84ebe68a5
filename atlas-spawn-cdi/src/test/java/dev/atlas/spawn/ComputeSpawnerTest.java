package dev.atlas.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atlas.auth.SignedUrl;
import dev.atlas.auth.Token;
import dev.atlas.auth.SignedUrl.Verification;
import dev.atlas.spawn.fake.FakeComputeProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComputeSpawnerTest {
  private final HealthServer health = HealthServer.answering(200);
  private final List<ComputeEvent> events = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopServer() {
    health.close();
  }

  private FakeComputeProvider fakePointingAtHealthServer(ComputeStatus initial) {
    return FakeComputeProvider.builder().initialStatus(initial).urls(port -> health.url()).build();
  }

  private ComputeSpawner spawner(ComputeProvider provider) {
    return ComputeSpawner.builder(provider).listener(events::add).pollInterval(Duration.ofMillis(20)).build();
  }

  private static ComputeRequest.Builder request() {
    return ComputeRequest.builder("ghcr.io/example/pod:1").port("8000/http");
  }

  @Test
  void bearerSpawnInjectsAFreshTokenAndReturnsItOnceWithItsHash() {
    FakeComputeProvider fake = FakeComputeProvider.create();
    Compute pod = spawner(fake).spawn(request().auth(AuthScheme.BEARER).build());

    ComputeAuth auth = pod.auth().orElseThrow();
    assertThat(auth.scheme()).isEqualTo(AuthScheme.BEARER);
    assertThat(auth.token()).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(auth.hash()).isEqualTo(Token.hash(auth.token()));
    assertThat(auth.headerValue()).isEqualTo("Bearer " + auth.token());
    assertThat(auth.hasSigningSecret()).isFalse();
    Map<String, String> env = fake.launchSpec(pod.id()).environmentWithSecrets();
    assertThat(env).containsEntry(ReservedEnv.PRESHARED_KEY, auth.token()).doesNotContainKey(ReservedEnv.SIGNING_SECRET);
    assertThat(pod.toString()).doesNotContain(auth.token()).contains("auth=<redacted>");
    assertThat(auth.toString()).isEqualTo("ComputeAuth[BEARER, <redacted>]");
    assertThat(spawner(fake).get(pod.id()).orElseThrow().auth()).isEmpty();
  }

  @Test
  void everySpawnMintsADifferentToken() {
    ComputeSpawner spawner = spawner(FakeComputeProvider.create());
    String first = spawner.spawn(request().build()).auth().orElseThrow().token();
    String second = spawner.spawn(request().build()).auth().orElseThrow().token();

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void signedUrlSpawnInjectsTheTokenAndASeparateSigningSecret() {
    FakeComputeProvider fake = FakeComputeProvider.create();
    Compute pod = spawner(fake).spawn(request().auth(AuthScheme.SIGNED_URL).build());

    ComputeAuth auth = pod.auth().orElseThrow();
    String secret = auth.signingSecretNeverForBrowsers();
    assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(auth.token());
    assertThat(fake.launchSpec(pod.id()).environmentWithSecrets())
        .containsEntry(ReservedEnv.PRESHARED_KEY, auth.token())
        .containsEntry(ReservedEnv.SIGNING_SECRET, secret);
    assertThat(pod.toString()).doesNotContain(secret);
    assertThat(auth.toString()).doesNotContain(secret).doesNotContain(auth.token());
    String signed = SignedUrl.sign("http://127.0.0.1:8000/v1/stream?prompt=hi", secret);
    assertThat(SignedUrl.verify(signed, secret, Clock.systemUTC())).isEqualTo(Verification.VALID);
  }

  @Test
  void bearerAuthHasNoSigningSecret() {
    ComputeAuth auth = spawner(FakeComputeProvider.create()).spawn(request().build()).auth().orElseThrow();

    assertThatThrownBy(auth::signingSecretNeverForBrowsers)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no signing secret: auth scheme is BEARER");
  }

  @Test
  void noneInjectsNoCredentialAndReturnsNoAuth() {
    FakeComputeProvider fake = FakeComputeProvider.create();
    Compute pod = spawner(fake).spawn(request().auth(AuthScheme.NONE).build());

    assertThat(pod.auth()).isEmpty();
    assertThat(fake.launchSpec(pod.id()).environmentWithSecrets())
        .doesNotContainKeys(ReservedEnv.PRESHARED_KEY, ReservedEnv.SIGNING_SECRET)
        .containsKey(ReservedEnv.LAUNCH_ID);
  }

  @Test
  void anUnnamedPodIsNamedAfterItsLaunchId() {
    FakeComputeProvider fake = FakeComputeProvider.create();
    Compute pod = spawner(fake).spawn(request().build());

    String launchId = fake.launchSpec(pod.id()).launchId();
    assertThat(launchId).matches("[0-9a-f]{32}");
    assertThat(pod.name()).contains("atlas-" + launchId);
    assertThat(events).containsExactly(new ComputeEvent.Spawned(pod.id(), launchId, "fake", events.get(0).at()));
  }

  @Test
  void spawnAndAwaitReadyProbesHealthWithTheBearerTokenAndReturnsTheCredential() {
    Compute pod = spawner(fakePointingAtHealthServer(ComputeStatus.RUNNING))
        .spawnAndAwaitReady(request().build(), Duration.ofSeconds(10));

    String token = pod.auth().orElseThrow().token();
    assertThat(health.paths()).containsOnly("/health");
    assertThat(health.authorizations()).containsOnly("Bearer " + token);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(ComputeEvent.Spawned.class);
    assertThat(events.get(1)).isInstanceOfSatisfying(ComputeEvent.Ready.class,
        e -> assertThat(e.computeId()).isEqualTo(pod.id()));
  }

  @Test
  void spawnAndAwaitReadyWaitsUntilThePodIsRunningAndHealthy() throws Exception {
    FakeComputeProvider fake = fakePointingAtHealthServer(ComputeStatus.PROVISIONING);
    health.answer(503);
    CountDownLatch spawned = new CountDownLatch(1);
    ComputeSpawner spawner = ComputeSpawner.builder(fake).pollInterval(Duration.ofMillis(20))
        .listener(e -> { if (e instanceof ComputeEvent.Spawned) spawned.countDown(); }).build();
    Thread starter = new Thread(() -> {
      try {
        assertThat(spawned.await(10, TimeUnit.SECONDS)).isTrue();
        String id = fake.list().get(0).id();
        fake.setStatus(id, ComputeStatus.RUNNING, null);
        Await503.untilProbed(health);
        health.answer(204);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    starter.start();

    Compute pod = spawner.spawnAndAwaitReady(request().build(), Duration.ofSeconds(20));
    starter.join();

    assertThat(pod.status()).isEqualTo(ComputeStatus.RUNNING);
    assertThat(pod.auth()).isPresent();
    assertThat(health.authorizations().size()).isGreaterThan(1);
  }

  @Test
  void aPodThatNeverGetsHealthyIsTerminatedAtTheDeadline() {
    health.answer(503);
    FakeComputeProvider fake = fakePointingAtHealthServer(ComputeStatus.RUNNING);

    assertThatThrownBy(() -> spawner(fake).spawnAndAwaitReady(request().build(), Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(ComputeException.class, e -> {
          assertThat(e.kind()).isEqualTo(ComputeException.Kind.TIMEOUT);
          // the last probe may be cut short by the deadline itself, so its reason varies
          assertThat(e.getMessage()).matches("pod fake-1 not ready within PT1S \\(last: health: .+\\)");
          assertThat(health.paths()).isNotEmpty();
          assertThat(e.computeId()).contains("fake-1");
        });
    assertThat(fake.get("fake-1").orElseThrow().status()).isEqualTo(ComputeStatus.TERMINATED);
    assertThat(events).extracting(Object::getClass).containsExactly(
        ComputeEvent.Spawned.class, ComputeEvent.Terminated.class, ComputeEvent.Failed.class);
    assertThat((ComputeEvent.Failed) events.get(2)).satisfies(f -> {
      assertThat(f.kind()).isEqualTo(ComputeException.Kind.TIMEOUT);
      assertThat(f.compute()).contains("fake-1");
    });
  }

  @Test
  void aPodThatFailsWhileStartingIsTerminatedAndReportedAsProviderFailure() {
    FakeComputeProvider fake = fakePointingAtHealthServer(ComputeStatus.STARTING);
    ComputeSpawner spawner = ComputeSpawner.builder(fake).pollInterval(Duration.ofMillis(20))
        .listener(e -> {
          if (e instanceof ComputeEvent.Spawned) {
            fake.setStatus(((ComputeEvent.Spawned) e).computeId(), ComputeStatus.FAILED, "image pull failed");
          }
        }).build();

    assertThatThrownBy(() -> spawner.spawnAndAwaitReady(request().build(), Duration.ofSeconds(10)))
        .isInstanceOfSatisfying(ComputeException.class, e -> {
          assertThat(e.kind()).isEqualTo(ComputeException.Kind.PROVIDER);
          assertThat(e).hasMessage("pod fake-1 is FAILED (image pull failed)");
        });
    assertThat(fake.get("fake-1").orElseThrow().status()).isEqualTo(ComputeStatus.TERMINATED);
  }

  @Test
  void aRefusedSpawnIsRethrownAndReportedWithoutAComputeId() {
    FakeComputeProvider fake = FakeComputeProvider.create();
    fake.failNextSpawn(ComputeException.builder(ComputeException.Kind.INSUFFICIENT_BALANCE, "balance too low")
        .provider("fake").httpStatus(402).build());

    assertThatThrownBy(() -> spawner(fake).spawnAndAwaitReady(request().build(), Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(ComputeException.class, e -> {
          assertThat(e.kind()).isEqualTo(ComputeException.Kind.INSUFFICIENT_BALANCE);
          assertThat(e.httpStatus()).hasValue(402);
        });
    assertThat(events).singleElement().isInstanceOfSatisfying(ComputeEvent.Failed.class, f -> {
      assertThat(f.compute()).isEmpty();
      assertThat(f.kind()).isEqualTo(ComputeException.Kind.INSUFFICIENT_BALANCE);
    });
    assertThat(fake.spawnCount()).isZero();
  }

  @Test
  void aProviderThatBreaksTheContractIsReportedAsProviderFailureWithoutItsMessage() {
    ComputeProvider broken = new BrokenProvider();

    assertThatThrownBy(() -> spawner(broken).spawn(request().build()))
        .isInstanceOfSatisfying(ComputeException.class, e -> {
          assertThat(e.kind()).isEqualTo(ComputeException.Kind.PROVIDER);
          assertThat(e).hasMessage("broken threw java.lang.IllegalStateException (not a ComputeException)");
        });
  }

  @Test
  void anInterruptedWaitTerminatesThePodAndKeepsTheInterruptFlag() {
    health.answer(503);
    FakeComputeProvider fake = fakePointingAtHealthServer(ComputeStatus.RUNNING);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> spawner(fake).spawnAndAwaitReady(request().build(), Duration.ofSeconds(30)))
          .isInstanceOfSatisfying(ComputeException.class,
              e -> assertThat(e.kind()).isEqualTo(ComputeException.Kind.TIMEOUT));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(fake.get("fake-1").orElseThrow().status()).isEqualTo(ComputeStatus.TERMINATED);
  }

  @Test
  void terminateDelegatesAndFiresAnEvent() {
    FakeComputeProvider fake = FakeComputeProvider.create();
    ComputeSpawner spawner = spawner(fake);
    Compute pod = spawner.spawn(request().build());

    spawner.terminate(pod.id());
    spawner.terminate(pod.id());

    assertThat(spawner.get(pod.id()).orElseThrow().status()).isEqualTo(ComputeStatus.TERMINATED);
    assertThat(events).filteredOn(ComputeEvent.Terminated.class::isInstance).hasSize(2);
    assertThat(spawner.list()).extracting(Compute::id).containsExactly(pod.id());
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheSpawn() {
    ComputeSpawner spawner = ComputeSpawner.builder(FakeComputeProvider.create())
        .listener(e -> { throw new IllegalStateException("listener bug"); }).build();

    assertThat(spawner.spawn(request().build()).auth()).isPresent();
  }

  @Test
  void rejectsANonPositiveTimeout() {
    ComputeSpawner spawner = spawner(FakeComputeProvider.create());

    assertThatThrownBy(() -> spawner.spawnAndAwaitReady(request().build(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout: must be positive, was PT0S");
  }

  /** Waits until the health server has answered at least one 503. */
  private static final class Await503 {
    static void untilProbed(HealthServer health) {
      dev.atlas.spawn.conformance.Await.until("a first probe", Duration.ofSeconds(10), () -> !health.paths().isEmpty());
    }
  }

  private static final class BrokenProvider implements ComputeProvider {
    @Override public String name() { return "broken"; }
    @Override public ProviderCapabilities capabilities() { return ProviderCapabilities.builder().build(); }
    @Override public Compute spawn(LaunchSpec spec) {
      throw new IllegalStateException("env was " + spec.environmentWithSecrets());
    }
    @Override public java.util.Optional<Compute> get(String id) { return java.util.Optional.empty(); }
    @Override public List<Compute> list() { return List.of(); }
    @Override public void terminate(String id) {}
  }
}
