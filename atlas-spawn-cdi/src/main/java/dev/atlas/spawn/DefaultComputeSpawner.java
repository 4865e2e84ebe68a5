package dev.atlas.spawn;

import dev.atlas.auth.MintedToken;
import dev.atlas.auth.Token;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** The default {@link ComputeSpawner}: credential minting, events, and terminate-on-failure. */
final class DefaultComputeSpawner implements ComputeSpawner {
  private static final System.Logger LOG = System.getLogger(ComputeSpawner.class.getName());

  private final ComputeProvider provider;
  private final Clock clock;
  private final Consumer<ComputeEvent> listener;
  private final ReadinessProbe probe;
  private final Duration pollInterval;

  DefaultComputeSpawner(Builder b) {
    this.provider = b.provider;
    this.clock = b.clock;
    this.listener = b.listener;
    this.pollInterval = b.pollInterval;
    HttpClient http =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(b.probeTimeout)
                .build();
    this.probe = new ReadinessProbe(http, b.probeTimeout);
  }

  @Override
  public Compute spawn(ComputeRequest request) {
    return launch(request).compute();
  }

  @Override
  public Compute spawnAndAwaitReady(ComputeRequest request, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
    }
    Launched launched = launch(request);
    Compute spawned = launched.compute();
    try {
      Compute ready =
          new ReadinessWait(provider, probe, clock, pollInterval)
              .await(spawned, clock.instant().plus(timeout), timeout);
      emit(new ComputeEvent.Ready(ready.id(), launched.launchId(), provider.name(), clock.instant()));
      LOG.log(Level.INFO, "pod {0} ready ({1})", ready.id(), provider.name());
      return spawned.auth().map(ready::withAuth).orElse(ready);
    } catch (RuntimeException e) {
      ComputeException failure = asComputeException(e, spawned.id());
      terminateAfterFailure(spawned.id());
      emit(
          new ComputeEvent.Failed(
              spawned.id(),
              launched.launchId(),
              provider.name(),
              failure.kind(),
              failure.getMessage(),
              clock.instant()));
      throw failure;
    }
  }

  @Override
  public Optional<Compute> get(String id) {
    Objects.requireNonNull(id, "id");
    return provider.get(id);
  }

  @Override
  public List<Compute> list() {
    return provider.list();
  }

  @Override
  public void terminate(String id) {
    Objects.requireNonNull(id, "id");
    provider.terminate(id);
    LOG.log(Level.INFO, "pod {0} terminated ({1})", id, provider.name());
    emit(new ComputeEvent.Terminated(id, provider.name(), clock.instant()));
  }

  @Override
  public ComputeProvider provider() {
    return provider;
  }

  private Launched launch(ComputeRequest request) {
    Objects.requireNonNull(request, "request");
    String launchId = UUID.randomUUID().toString().replace("-", "");
    ComputeAuth auth;
    Map<String, String> injected;
    switch (request.auth()) {
      case BEARER:
        {
          MintedToken token = Token.mint();
          auth = ComputeAuth.bearer(token.token());
          injected = Map.of(ReservedEnv.PRESHARED_KEY, token.token());
          break;
        }
      case SIGNED_URL:
        {
          MintedToken token = Token.mint();
          // Same format as a token by design: 32 CSPRNG bytes in unpadded base64url, 43 chars.
          String signingSecret = Token.mint().token();
          auth = ComputeAuth.signedUrl(token.token(), signingSecret);
          injected =
              Map.of(ReservedEnv.PRESHARED_KEY, token.token(), ReservedEnv.SIGNING_SECRET, signingSecret);
          break;
        }
      default:
        auth = null;
        injected = Map.of();
    }
    LaunchSpec spec = LaunchSpec.of(request, launchId, injected);
    Compute compute;
    try {
      compute = provider.spawn(spec);
    } catch (RuntimeException e) {
      ComputeException failure = asComputeException(e, null);
      LOG.log(
          Level.WARNING,
          "spawn of launch {0} refused by {1}: {2}",
          launchId,
          provider.name(),
          failure.kind());
      emit(
          new ComputeEvent.Failed(
              null, launchId, provider.name(), failure.kind(), failure.getMessage(), clock.instant()));
      throw failure;
    }
    LOG.log(Level.INFO, "pod {0} spawned ({1}, launch {2})", compute.id(), provider.name(), launchId);
    emit(new ComputeEvent.Spawned(compute.id(), launchId, provider.name(), clock.instant()));
    return new Launched(auth == null ? compute : compute.withAuth(auth), launchId);
  }

  private void terminateAfterFailure(String id) {
    try {
      provider.terminate(id);
      LOG.log(Level.INFO, "pod {0} terminated after a failed readiness wait", id);
      emit(new ComputeEvent.Terminated(id, provider.name(), clock.instant()));
    } catch (RuntimeException e) {
      // The original failure is what the caller needs; the pod may leak: say so loudly.
      LOG.log(
          Level.ERROR,
          "pod {0} could not be terminated after a failed readiness wait ({1}); terminate it by hand",
          id,
          e instanceof ComputeException ? ((ComputeException) e).kind() : e.getClass().getName());
    }
  }

  private ComputeException asComputeException(RuntimeException e, String computeId) {
    if (e instanceof ComputeException) {
      return (ComputeException) e;
    }
    // A provider broke its contract. Its message may hold anything, so keep only the type.
    return ComputeException.builder(
            ComputeException.Kind.PROVIDER,
            provider.name() + " threw " + e.getClass().getName() + " (not a ComputeException)")
        .provider(provider.name())
        .computeId(computeId)
        .build();
  }

  private void emit(ComputeEvent event) {
    try {
      listener.accept(event);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "compute event listener threw {0}", e.getClass().getName());
    }
  }

  /** A spawn the provider accepted (its compute carries the credential) and its launch id. */
  private record Launched(Compute compute, String launchId) {}
}
