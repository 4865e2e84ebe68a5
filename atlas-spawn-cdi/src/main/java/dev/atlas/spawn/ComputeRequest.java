package dev.atlas.spawn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * What to run: image, hardware, ports, environment and how callers authenticate. Immutable and
 * validated when built; every rejection is an {@link IllegalArgumentException} whose message starts
 * with the field's name ({@code "ports: ..."}, {@code "env: ..."}) and never holds an env value.
 *
 * <pre>{@code
 * ComputeRequest request = ComputeRequest.builder("vllm/vllm-openai:v0.9.1")
 *     .gpu(Gpu.H100).port("8000/http").env("MODEL", "Qwen/Qwen3-8B")
 *     .auth(AuthScheme.BEARER).idleTtl(Duration.ofMinutes(15)).build();
 * }</pre>
 */
public final class ComputeRequest {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

  private final String image;
  private final Gpu gpu;
  private final int gpuCount;
  private final List<Port> ports;
  private final Map<String, String> env;
  private final Integer diskGb;
  private final Volume volume;
  private final CloudType cloudType;
  private final List<String> regionHints;
  private final String name;
  private final AuthScheme auth;
  private final Duration idleTtl;
  private final Map<String, String> providerOptions;

  private ComputeRequest(Builder b) {
    this.image = b.image;
    this.gpu = b.gpu;
    this.gpuCount = b.gpuCount;
    this.ports = List.copyOf(b.ports);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.diskGb = b.diskGb;
    this.volume = b.volume;
    this.cloudType = b.cloudType;
    this.regionHints = List.copyOf(b.regionHints);
    this.name = b.name;
    this.auth = b.auth;
    this.idleTtl = b.idleTtl;
    this.providerOptions = Collections.unmodifiableMap(new LinkedHashMap<>(b.providerOptions));
  }

  /**
   * Starts a request for {@code image}: a container image reference for cloud providers, a command
   * line for the {@code local} provider.
   *
   * @throws IllegalArgumentException if the image is blank
   */
  public static Builder builder(String image) {
    return new Builder(image);
  }

  /** A builder holding this request's values, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder(image);
    b.gpu = gpu;
    b.gpuCount = gpuCount;
    b.ports.addAll(ports);
    b.env.putAll(env);
    b.diskGb = diskGb;
    b.volume = volume;
    b.cloudType = cloudType;
    b.regionHints.addAll(regionHints);
    b.name = name;
    b.auth = auth;
    b.idleTtl = idleTtl;
    b.providerOptions.putAll(providerOptions);
    return b;
  }

  /** Container image, or the command line for the {@code local} provider. */
  public String image() {
    return image;
  }

  /** The GPU type; empty for a CPU-only or local pod. */
  public Optional<Gpu> gpu() {
    return Optional.ofNullable(gpu);
  }

  /** GPUs of {@link #gpu()} type; 1 unless set. */
  public int gpuCount() {
    return gpuCount;
  }

  /** Ports to expose, in order; the first HTTP port is the pod's main URL. */
  public List<Port> ports() {
    return ports;
  }

  /** The caller's environment (never containing a {@link ReservedEnv} name), in insertion order. */
  public Map<String, String> env() {
    return env;
  }

  /** Container disk in GB, if set. */
  public OptionalInt diskGb() {
    return diskGb == null ? OptionalInt.empty() : OptionalInt.of(diskGb);
  }

  /** Persistent or network storage, if any. */
  public Optional<Volume> volume() {
    return Optional.ofNullable(volume);
  }

  /** Which cloud may host the pod; empty means the provider's default. */
  public Optional<CloudType> cloudType() {
    return Optional.ofNullable(cloudType);
  }

  /** Preferred regions or data-centre ids, most preferred first (providers may enforce them). */
  public List<String> regionHints() {
    return regionHints;
  }

  /** The pod's display name; empty lets the spawner name it {@code atlas-<launchId>}. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** How callers authenticate to the pod; {@link AuthScheme#BEARER} unless set. */
  public AuthScheme auth() {
    return auth;
  }

  /** How long the pod may sit unused before an orchestrator terminates it, if set. */
  public Optional<Duration> idleTtl() {
    return Optional.ofNullable(idleTtl);
  }

  /**
   * Provider-specific settings with no field here (e.g. RunPod {@code templateId}). Can never name
   * {@code env} or a {@link ReservedEnv} variable.
   */
  public Map<String, String> providerOptions() {
    return providerOptions;
  }

  /** Names env variables and options but never shows their values. */
  @Override
  public String toString() {
    return "ComputeRequest[image="
        + image
        + ", gpu="
        + (gpu == null ? "none" : gpu + "x" + gpuCount)
        + ", ports="
        + ports
        + ", env="
        + env.keySet()
        + ", auth="
        + auth
        + (name == null ? "" : ", name=" + name)
        + (providerOptions.isEmpty() ? "" : ", providerOptions=" + providerOptions.keySet())
        + "]";
  }

  /** Builds a {@link ComputeRequest}; each setter validates its argument at once. */
  public static final class Builder {
    private final String image;
    private Gpu gpu;
    private int gpuCount = 1;
    private final List<Port> ports = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Integer diskGb;
    private Volume volume;
    private CloudType cloudType;
    private final List<String> regionHints = new ArrayList<>();
    private String name;
    private AuthScheme auth = AuthScheme.BEARER;
    private Duration idleTtl;
    private final Map<String, String> providerOptions = new LinkedHashMap<>();

    private Builder(String image) {
      Objects.requireNonNull(image, "image");
      if (image.isBlank()) {
        throw new IllegalArgumentException("image: must not be empty");
      }
      this.image = image.strip();
    }

    public Builder gpu(Gpu gpu) {
      this.gpu = Objects.requireNonNull(gpu, "gpu");
      return this;
    }

    public Builder gpuCount(int gpuCount) {
      if (gpuCount < 1) {
        throw new IllegalArgumentException("gpuCount: must be positive, was " + gpuCount);
      }
      this.gpuCount = gpuCount;
      return this;
    }

    /** Adds a port given as {@code 8000/http} or {@code 22/tcp}. */
    public Builder port(String spec) {
      return port(Port.parse(spec));
    }

    public Builder port(Port port) {
      Objects.requireNonNull(port, "port");
      for (Port p : ports) {
        if (p.number() == port.number()) {
          throw new IllegalArgumentException("ports: port " + port.number() + " given twice");
        }
      }
      ports.add(port);
      return this;
    }

    /**
     * Sets one environment variable. The name must match {@code [A-Za-z_][A-Za-z0-9_]*} and must
     * not be reserved; the value may be empty but not contain NUL.
     */
    public Builder env(String name, String value) {
      Objects.requireNonNull(name, "env name");
      Objects.requireNonNull(value, "env value");
      if (!ENV_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("env: invalid variable name '" + printable(name) + "'");
      }
      if (ReservedEnv.isReserved(name)) {
        throw new IllegalArgumentException(
            "env: " + name + " is reserved; the spawner injects it and it cannot be overwritten");
      }
      if (value.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("env: value of " + name + " contains a NUL character");
      }
      env.put(name, value);
      return this;
    }

    /** Sets every entry of {@code variables}, as {@link #env(String, String)}. */
    public Builder env(Map<String, String> variables) {
      Objects.requireNonNull(variables, "env");
      variables.forEach(this::env);
      return this;
    }

    public Builder diskGb(int diskGb) {
      if (diskGb < 1) {
        throw new IllegalArgumentException("diskGb: must be positive, was " + diskGb);
      }
      this.diskGb = diskGb;
      return this;
    }

    public Builder volume(Volume volume) {
      this.volume = Objects.requireNonNull(volume, "volume");
      return this;
    }

    public Builder cloudType(CloudType cloudType) {
      this.cloudType = Objects.requireNonNull(cloudType, "cloudType");
      return this;
    }

    /** Adds preferred regions or data-centre ids, most preferred first. */
    public Builder regionHints(String... regions) {
      for (String region : regions) {
        Objects.requireNonNull(region, "regionHints");
        if (region.isBlank()) {
          throw new IllegalArgumentException("regionHints: must not contain a blank entry");
        }
        regionHints.add(region.strip());
      }
      return this;
    }

    /** The pod's name: 1 to 128 printable characters. */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "name: must be 1 to 128 printable characters, was '" + printable(name) + "'");
      }
      this.name = name;
      return this;
    }

    public Builder auth(AuthScheme auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    public Builder idleTtl(Duration idleTtl) {
      Objects.requireNonNull(idleTtl, "idleTtl");
      if (idleTtl.isNegative() || idleTtl.isZero()) {
        throw new IllegalArgumentException("idleTtl: must be positive, was " + idleTtl);
      }
      this.idleTtl = idleTtl;
      return this;
    }

    /**
     * Sets a provider-specific option. The key must match {@code [A-Za-z][A-Za-z0-9_.-]*} and may
     * not be {@code env} (which would replace the environment block, injected credential included)
     * nor a reserved variable name.
     */
    public Builder providerOption(String key, String value) {
      Objects.requireNonNull(key, "providerOptions key");
      Objects.requireNonNull(value, "providerOptions value");
      if (!OPTION_NAME.matcher(key).matches()) {
        throw new IllegalArgumentException(
            "providerOptions: invalid key '" + printable(key) + "'");
      }
      String lower = key.toLowerCase(Locale.ROOT);
      if (lower.equals("env") || lower.startsWith("env.") || ReservedEnv.isReserved(key)) {
        throw new IllegalArgumentException(
            "providerOptions: '"
                + key
                + "' would overwrite the injected auth variable; set env entries with env()");
      }
      providerOptions.put(key, value);
      return this;
    }

    public ComputeRequest build() {
      return new ComputeRequest(this);
    }

    private static String printable(String s) {
      StringBuilder out = new StringBuilder();
      s.codePoints()
          .limit(64)
          .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
      return out.toString();
    }
  }
}
