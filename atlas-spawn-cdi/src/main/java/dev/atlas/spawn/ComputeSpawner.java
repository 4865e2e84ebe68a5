package dev.atlas.spawn;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The façade an application uses ({@code @Inject ComputeSpawner spawner} in CDI, {@link
 * #builder(ComputeProvider)} in plain Java). It mints the pod's credential, injects it, calls the
 * provider and, on request, waits until the pod is ready; a pod that fails after the provider
 * accepted it is terminated before the error is thrown.
 *
 * <pre>{@code
 * Compute pod = spawner.spawnAndAwaitReady(
 *     ComputeRequest.builder(image).gpu(Gpu.H100).port("8000/http").build(),
 *     Duration.ofMinutes(10));
 * URI url = pod.url().orElseThrow();
 * String token = pod.auth().orElseThrow().token(); // hand to the user once; keep only hash()
 * }</pre>
 */
public interface ComputeSpawner {

  /** The path {@link #spawnAndAwaitReady} probes on the pod's first HTTP URL. */
  String HEALTH_PATH = "/health";

  /**
   * Launches a pod and returns once the provider accepted it, with {@link Compute#auth()} holding
   * the credential for {@link AuthScheme#BEARER} and {@link AuthScheme#SIGNED_URL}. The raw token
   * is in this return value only: the spawner keeps nothing.
   *
   * @throws ComputeException if the provider refused the pod
   */
  Compute spawn(ComputeRequest request);

  /**
   * Launches a pod and waits until it is {@link ComputeStatus#RUNNING} and an authenticated {@code
   * GET <url>/health} answers 2xx. On timeout, or any failure after the provider accepted the
   * create, the pod is terminated before the exception is thrown.
   *
   * @throws ComputeException {@link ComputeException.Kind#TIMEOUT} when {@code timeout} passes (also
   *     when interrupted, with the interrupt flag restored), {@link ComputeException.Kind#PROVIDER}
   *     when the pod fails or disappears, or what the provider threw
   */
  Compute spawnAndAwaitReady(ComputeRequest request, Duration timeout);

  /** The pod's current state (without credentials), or empty if the provider does not know it. */
  Optional<Compute> get(String id);

  /** Every pod the provider can see (without credentials). */
  List<Compute> list();

  /** Terminates a pod; idempotent. */
  void terminate(String id);

  /** The provider this spawner uses. */
  ComputeProvider provider();

  /** A spawner over {@code provider}. */
  static Builder builder(ComputeProvider provider) {
    return new Builder(provider);
  }

  /** Builds the default {@link ComputeSpawner}. */
  final class Builder {
    final ComputeProvider provider;
    Clock clock = Clock.systemUTC();
    HttpClient httpClient;
    Consumer<ComputeEvent> listener = event -> {};
    Duration pollInterval = Duration.ofMillis(500);
    Duration probeTimeout = Duration.ofSeconds(5);

    private Builder(ComputeProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** The clock for deadlines and event times; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The client for health probes; by default one that never follows redirects. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** Receives every {@link ComputeEvent}; a listener that throws is logged and ignored. */
    public Builder listener(Consumer<ComputeEvent> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Mean pause between readiness polls (jittered); 500 ms by default. */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = positive(pollInterval, "pollInterval");
      return this;
    }

    /** Timeout of one health probe; 5 s by default. */
    public Builder probeTimeout(Duration probeTimeout) {
      this.probeTimeout = positive(probeTimeout, "probeTimeout");
      return this;
    }

    public ComputeSpawner build() {
      return new DefaultComputeSpawner(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + ": must be positive, was " + d);
      }
      return d;
    }
  }
}
