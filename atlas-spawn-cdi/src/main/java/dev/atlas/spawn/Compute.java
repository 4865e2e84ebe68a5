package dev.atlas.spawn;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pod as a provider reports it. Immutable. {@link #auth()} is present only on the value returned
 * by {@link ComputeSpawner#spawn}: providers never see or return credentials.
 */
public final class Compute {
  private final String id;
  private final String provider;
  private final ComputeStatus status;
  private final String statusDetail;
  private final List<Endpoint> endpoints;
  private final Gpu gpu;
  private final int gpuCount;
  private final BigDecimal costPerHour;
  private final String region;
  private final String name;
  private final Instant createdAt;
  private final ComputeAuth auth;

  private Compute(Builder b, ComputeAuth auth) {
    this.id = b.id;
    this.provider = b.provider;
    this.status = b.status;
    this.statusDetail = b.statusDetail;
    this.endpoints = List.copyOf(b.endpoints);
    this.gpu = b.gpu;
    this.gpuCount = b.gpuCount;
    this.costPerHour = b.costPerHour;
    this.region = b.region;
    this.name = b.name;
    this.createdAt = b.createdAt;
    this.auth = auth;
  }

  /** For providers: a pod with the given id, reported by {@code provider}. */
  public static Builder builder(String id, String provider, ComputeStatus status, Instant createdAt) {
    return new Builder(id, provider, status, createdAt);
  }

  /** A builder with this pod's values (without its auth), e.g. to report a new status. */
  public Builder toBuilder() {
    Builder b = new Builder(id, provider, status, createdAt);
    b.statusDetail = statusDetail;
    b.endpoints.addAll(endpoints);
    b.gpu = gpu;
    b.gpuCount = gpuCount;
    b.costPerHour = costPerHour;
    b.region = region;
    b.name = name;
    return b;
  }

  /** This pod with {@code auth} attached; used by the spawner on the spawn result. */
  public Compute withAuth(ComputeAuth auth) {
    return new Compute(toBuilder(), Objects.requireNonNull(auth, "auth"));
  }

  /** The provider's id for the pod. */
  public String id() {
    return id;
  }

  /** The provider's name, e.g. {@code runpod}, {@code local}. */
  public String provider() {
    return provider;
  }

  public ComputeStatus status() {
    return status;
  }

  /** A short, secret-free reason for the status when the provider has one (e.g. an exit code). */
  public Optional<String> statusDetail() {
    return Optional.ofNullable(statusDetail);
  }

  /** The exposed ports with their URLs; may be empty until the pod runs. */
  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /** The URL of the first HTTP port, if it is known. */
  public Optional<URI> url() {
    return endpoints.stream()
        .filter(e -> e.port().protocol() == Port.Protocol.HTTP)
        .map(Endpoint::url)
        .findFirst();
  }

  /** The URL of the given port inside the pod, if it is exposed and known. */
  public Optional<URI> url(int port) {
    return endpoints.stream()
        .filter(e -> e.port().number() == port)
        .map(Endpoint::url)
        .findFirst();
  }

  public Optional<Gpu> gpu() {
    return Optional.ofNullable(gpu);
  }

  public int gpuCount() {
    return gpuCount;
  }

  /** Price in USD per hour, when the provider reports one. */
  public Optional<BigDecimal> costPerHour() {
    return Optional.ofNullable(costPerHour);
  }

  /** Region or data centre, when known. */
  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** The credential minted for this pod; present only on the result of a spawn. */
  public Optional<ComputeAuth> auth() {
    return Optional.ofNullable(auth);
  }

  @Override
  public String toString() {
    return "Compute[id="
        + id
        + ", provider="
        + provider
        + ", status="
        + status
        + (name == null ? "" : ", name=" + name)
        + ", endpoints="
        + endpoints
        + (auth == null ? "" : ", auth=<redacted>")
        + "]";
  }

  /** Builds a {@link Compute}. */
  public static final class Builder {
    private final String id;
    private final String provider;
    private ComputeStatus status;
    private final Instant createdAt;
    private String statusDetail;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private Gpu gpu;
    private int gpuCount;
    private BigDecimal costPerHour;
    private String region;
    private String name;

    private Builder(String id, String provider, ComputeStatus status, Instant createdAt) {
      this.id = Objects.requireNonNull(id, "id");
      this.provider = Objects.requireNonNull(provider, "provider");
      this.status = Objects.requireNonNull(status, "status");
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      if (id.isBlank()) {
        throw new IllegalArgumentException("id: must not be blank");
      }
    }

    public Builder status(ComputeStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /** A short reason; must not hold a secret. {@code null} clears it. */
    public Builder statusDetail(String statusDetail) {
      this.statusDetail = statusDetail;
      return this;
    }

    public Builder endpoint(Port port, URI url) {
      endpoints.add(new Endpoint(port, url));
      return this;
    }

    /** Replaces all endpoints. */
    public Builder endpoints(List<Endpoint> endpoints) {
      this.endpoints.clear();
      this.endpoints.addAll(endpoints);
      return this;
    }

    public Builder gpu(Gpu gpu, int count) {
      if (count < 0) {
        throw new IllegalArgumentException("gpuCount: must not be negative, was " + count);
      }
      this.gpu = gpu;
      this.gpuCount = count;
      return this;
    }

    public Builder costPerHour(BigDecimal costPerHour) {
      this.costPerHour = costPerHour;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Compute build() {
      return new Compute(this, null);
    }
  }
}
