package dev.atlas.spawn;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a provider can do, so callers (and the conformance suite) can ask before they try. Anything
 * a provider cannot do fails with {@link ComputeException.Kind#UNSUPPORTED}.
 */
public final class ProviderCapabilities {
  private final Set<Gpu> gpus;
  private final boolean gpuRequired;
  private final boolean stopStart;
  private final boolean volumes;
  private final int maxPorts;

  private ProviderCapabilities(Builder b) {
    this.gpus = Set.copyOf(b.gpus);
    this.gpuRequired = b.gpuRequired;
    this.stopStart = b.stopStart;
    this.volumes = b.volumes;
    this.maxPorts = b.maxPorts;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The GPU types this provider can place (its static catalog); empty for CPU-only providers. */
  public Set<Gpu> gpus() {
    return gpus;
  }

  /** Whether a request without {@link ComputeRequest#gpu()} is refused. */
  public boolean gpuRequired() {
    return gpuRequired;
  }

  /** Whether {@link ComputeProvider#stop} and {@link ComputeProvider#start} work. */
  public boolean stopStart() {
    return stopStart;
  }

  /** Whether {@link ComputeRequest#volume()} is honoured. */
  public boolean volumes() {
    return volumes;
  }

  /** How many ports a pod may expose. */
  public int maxPorts() {
    return maxPorts;
  }

  @Override
  public String toString() {
    return "ProviderCapabilities[gpus=" + gpus + ", gpuRequired=" + gpuRequired + ", stopStart="
        + stopStart + ", volumes=" + volumes + ", maxPorts=" + maxPorts + "]";
  }

  /** Builds {@link ProviderCapabilities}; defaults: no GPUs, no stop/start, no volumes, 1 port. */
  public static final class Builder {
    private final Set<Gpu> gpus = EnumSet.noneOf(Gpu.class);
    private boolean gpuRequired;
    private boolean stopStart;
    private boolean volumes;
    private int maxPorts = 1;

    private Builder() {}

    public Builder gpus(Set<Gpu> gpus) {
      this.gpus.addAll(Objects.requireNonNull(gpus, "gpus"));
      return this;
    }

    public Builder gpuRequired(boolean gpuRequired) {
      this.gpuRequired = gpuRequired;
      return this;
    }

    public Builder stopStart(boolean stopStart) {
      this.stopStart = stopStart;
      return this;
    }

    public Builder volumes(boolean volumes) {
      this.volumes = volumes;
      return this;
    }

    public Builder maxPorts(int maxPorts) {
      if (maxPorts < 0) {
        throw new IllegalArgumentException("maxPorts: must not be negative, was " + maxPorts);
      }
      this.maxPorts = maxPorts;
      return this;
    }

    public ProviderCapabilities build() {
      return new ProviderCapabilities(this);
    }
  }
}
