package dev.atlas.spawn.fake;

import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeException;
import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.ComputeStatus;
import dev.atlas.spawn.Gpu;
import dev.atlas.spawn.LaunchSpec;
import dev.atlas.spawn.Port;
import dev.atlas.spawn.ProviderCapabilities;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An in-memory provider for tests: pods are records that change only when told to. Spawns come up
 * {@link ComputeStatus#RUNNING} (or the status given to the builder); tests drive the rest with
 * {@link #setStatus}, {@link #failNextSpawn} and read what the pod would have received with {@link
 * #launchSpec}. Thread-safe.
 */
public final class FakeComputeProvider implements ComputeProvider {
  /** The name under which the factory registers it. */
  public static final String NAME = "fake";

  private final Clock clock;
  private final ComputeStatus initialStatus;
  private final Function<Port, URI> urls;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, Pod> pods = new ConcurrentHashMap<>();
  private final Queue<ComputeException> failures = new ArrayDeque<>();

  private FakeComputeProvider(Builder b) {
    this.clock = b.clock;
    this.initialStatus = b.initialStatus;
    this.urls = b.urls;
  }

  /** A fake with default settings: RUNNING on spawn, URLs {@code http://127.0.0.1:<port>}. */
  public static FakeComputeProvider create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProviderCapabilities capabilities() {
    return ProviderCapabilities.builder()
        .gpus(EnumSet.allOf(Gpu.class))
        .stopStart(true)
        .volumes(true)
        .maxPorts(10)
        .build();
  }

  @Override
  public Compute spawn(LaunchSpec spec) {
    Objects.requireNonNull(spec, "spec");
    ComputeException failure;
    synchronized (failures) {
      failure = failures.poll();
    }
    if (failure != null) {
      throw failure;
    }
    int ports = spec.request().ports().size();
    if (ports > capabilities().maxPorts()) {
      throw unsupported(null, "fake exposes at most 10 ports, request has " + ports);
    }
    String id = "fake-" + ids.incrementAndGet();
    Compute.Builder compute =
        Compute.builder(id, NAME, initialStatus, clock.instant())
            .name(spec.name())
            .gpu(spec.request().gpu().orElse(null), spec.request().gpu().isPresent() ? spec.request().gpuCount() : 0)
            .region(spec.request().regionHints().stream().findFirst().orElse("fake-region-1"));
    for (Port port : spec.request().ports()) {
      compute.endpoint(port, urls.apply(port));
    }
    Pod pod = new Pod(spec, compute.build());
    pods.put(id, pod);
    return pod.compute();
  }

  @Override
  public Optional<Compute> get(String id) {
    Objects.requireNonNull(id, "id");
    return Optional.ofNullable(pods.get(id)).map(Pod::compute);
  }

  @Override
  public List<Compute> list() {
    List<Compute> out = new ArrayList<>();
    pods.values().forEach(p -> out.add(p.compute()));
    return out;
  }

  @Override
  public Compute stop(String id) {
    return transition(id, ComputeStatus.STOPPED);
  }

  @Override
  public Compute start(String id) {
    return transition(id, ComputeStatus.RUNNING);
  }

  @Override
  public void terminate(String id) {
    Objects.requireNonNull(id, "id");
    pods.computeIfPresent(id, (k, pod) -> pod.with(ComputeStatus.TERMINATED, null));
  }

  /** Sets a pod's status, as the cloud would; {@code detail} is a short, secret-free reason. */
  public Compute setStatus(String id, ComputeStatus status, String detail) {
    Objects.requireNonNull(status, "status");
    Pod pod = pods.computeIfPresent(id, (k, p) -> p.with(status, detail));
    if (pod == null) {
      throw notFound(id);
    }
    return pod.compute();
  }

  /** Makes the next {@link #spawn} throw {@code failure} instead of creating a pod. */
  public void failNextSpawn(ComputeException failure) {
    synchronized (failures) {
      failures.add(Objects.requireNonNull(failure, "failure"));
    }
  }

  /**
   * What the pod was launched with, secrets included, for tests that check what reached the pod.
   *
   * @throws ComputeException NOT_FOUND for an unknown id
   */
  public LaunchSpec launchSpec(String id) {
    Pod pod = pods.get(id);
    if (pod == null) {
      throw notFound(id);
    }
    return pod.spec();
  }

  /** How many pods were ever spawned. */
  public int spawnCount() {
    return pods.size();
  }

  private Compute transition(String id, ComputeStatus to) {
    Objects.requireNonNull(id, "id");
    Pod pod = pods.get(id);
    if (pod == null) {
      throw notFound(id);
    }
    if (pod.compute().status() == ComputeStatus.TERMINATED) {
      throw ComputeException.builder(ComputeException.Kind.VALIDATION, "pod " + id + " is terminated")
          .provider(NAME)
          .computeId(id)
          .build();
    }
    return setStatus(id, to, null);
  }

  private static ComputeException notFound(String id) {
    return ComputeException.builder(ComputeException.Kind.NOT_FOUND, "no pod " + id)
        .provider(NAME)
        .computeId(id)
        .build();
  }

  private static ComputeException unsupported(String id, String message) {
    return ComputeException.builder(ComputeException.Kind.UNSUPPORTED, message)
        .provider(NAME)
        .computeId(id)
        .build();
  }

  /** A pod and its launch (whose toString is redacted). */
  private record Pod(LaunchSpec spec, Compute compute) {
    Pod with(ComputeStatus status, String detail) {
      return new Pod(spec, compute.toBuilder().status(status).statusDetail(detail).build());
    }
  }

  /** Builds a {@link FakeComputeProvider}. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private ComputeStatus initialStatus = ComputeStatus.RUNNING;
    private Function<Port, URI> urls = port -> URI.create(
        (port.protocol() == Port.Protocol.HTTP ? "http" : "tcp") + "://127.0.0.1:" + port.number());

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The status a new pod reports; {@link ComputeStatus#RUNNING} by default. */
    public Builder initialStatus(ComputeStatus initialStatus) {
      this.initialStatus = Objects.requireNonNull(initialStatus, "initialStatus");
      return this;
    }

    /** The public URL of each port, e.g. a real test server's; {@code http://127.0.0.1:<port>}. */
    public Builder urls(Function<Port, URI> urls) {
      this.urls = Objects.requireNonNull(urls, "urls");
      return this;
    }

    public FakeComputeProvider build() {
      return new FakeComputeProvider(this);
    }
  }
}
