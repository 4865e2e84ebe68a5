package dev.atlas.spawn.runpod;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The body of a v2 create ({@code POST /v2/pods}, schema {@code CreatePodRequest}) for one GPU type.
 * Only the fields set here are sent: RunPod rejects a field its schema does not know with 422.
 *
 * <p>The environment usually carries a secret (the pod's key), so {@link #toString()} shows the
 * variable names only.
 */
public final class PodSpec {
  private static final Pattern PORT = Pattern.compile("([1-9][0-9]{0,4})/(http|tcp)");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** The most environment variables RunPod accepts on a pod. */
  public static final int MAX_ENV = 50;

  /** Storage attached to the pod: at most one kind. */
  public sealed interface Mount permits PersistentMount, NetworkMount {}

  /** Host-local persistent storage of {@code sizeGb} (at least 10) at {@code path}. */
  public record PersistentMount(int sizeGb, String path) implements Mount {
    public PersistentMount {
      if (sizeGb < 10) {
        throw new IllegalArgumentException("sizeGb: RunPod's floor is 10 GB, was " + sizeGb);
      }
      requireText(path, "path");
    }
  }

  /** An existing network volume mounted at {@code path}. */
  public record NetworkMount(String volumeId, String path) implements Mount {
    public NetworkMount {
      requireText(volumeId, "volumeId");
      requireText(path, "path");
    }
  }

  private final String name;
  private final String image;
  private final String templateId;
  private final String gpuId;
  private final int gpuCount;
  private final Cloud cloud;
  private final List<String> dataCenterIds;
  private final Map<String, String> env;
  private final List<String> ports;
  private final String args;
  private final Integer diskGb;
  private final Mount mount;
  private final String registry;

  private PodSpec(Builder b) {
    this.name = b.name;
    this.image = b.image;
    this.templateId = b.templateId;
    this.gpuId = b.gpuId;
    this.gpuCount = b.gpuCount;
    this.cloud = b.cloud;
    this.dataCenterIds = List.copyOf(b.dataCenterIds);
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.ports = List.copyOf(b.ports);
    this.args = b.args;
    this.diskGb = b.diskGb;
    this.mount = b.mount;
    this.registry = b.registry;
  }

  public static Builder builder(String name, String gpuId) {
    return new Builder(name, gpuId);
  }

  /** A copy of this spec for another GPU type and cloud, all else equal. */
  public PodSpec withGpu(String gpuId, Cloud cloud) {
    return toBuilder().gpu(gpuId, gpuCount).cloud(cloud).build();
  }

  private Builder toBuilder() {
    Builder b = new Builder(name, gpuId);
    b.image = image;
    b.templateId = templateId;
    b.gpuCount = gpuCount;
    b.cloud = cloud;
    b.dataCenterIds.addAll(dataCenterIds);
    b.env.putAll(env);
    b.ports.addAll(ports);
    b.args = args;
    b.diskGb = diskGb;
    b.mount = mount;
    b.registry = registry;
    return b;
  }

  public String name() {
    return name;
  }

  public Optional<String> image() {
    return Optional.ofNullable(image);
  }

  public Optional<String> templateId() {
    return Optional.ofNullable(templateId);
  }

  public String gpuId() {
    return gpuId;
  }

  public int gpuCount() {
    return gpuCount;
  }

  /** The cloud tier; absent means RunPod's default, {@code SECURE}. */
  public Optional<Cloud> cloud() {
    return Optional.ofNullable(cloud);
  }

  public List<String> dataCenterIds() {
    return dataCenterIds;
  }

  /** The pod's environment. Values may be secrets: never log them. */
  public Map<String, String> env() {
    return env;
  }

  public List<String> ports() {
    return ports;
  }

  public Optional<String> args() {
    return Optional.ofNullable(args);
  }

  public Optional<Integer> diskGb() {
    return Optional.ofNullable(diskGb);
  }

  public Optional<Mount> mount() {
    return Optional.ofNullable(mount);
  }

  public Optional<String> registry() {
    return Optional.ofNullable(registry);
  }

  @Override
  public String toString() {
    return "PodSpec[name=" + name + ", image=" + image + ", gpu=" + gpuId + " x" + gpuCount
        + ", cloud=" + cloud + ", ports=" + ports + ", env names=" + env.keySet() + "]";
  }

  private static String requireText(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + ": must not be blank");
    }
    return value;
  }

  /** Builds a {@link PodSpec}. Name and GPU type are required; so is an image unless a template is set. */
  public static final class Builder {
    private final String name;
    private String image;
    private String templateId;
    private String gpuId;
    private int gpuCount = 1;
    private Cloud cloud;
    private final List<String> dataCenterIds = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> ports = new ArrayList<>();
    private String args;
    private Integer diskGb;
    private Mount mount;
    private String registry;

    private Builder(String name, String gpuId) {
      this.name = requireText(name, "name");
      this.gpuId = requireText(gpuId, "gpuId");
    }

    public Builder image(String image) {
      this.image = requireText(image, "image");
      return this;
    }

    public Builder templateId(String templateId) {
      this.templateId = requireText(templateId, "templateId");
      return this;
    }

    public Builder gpu(String gpuId, int count) {
      this.gpuId = requireText(gpuId, "gpuId");
      if (count < 1) {
        throw new IllegalArgumentException("gpuCount: must be at least 1, was " + count);
      }
      this.gpuCount = count;
      return this;
    }

    public Builder cloud(Cloud cloud) {
      this.cloud = Objects.requireNonNull(cloud, "cloud");
      return this;
    }

    public Builder dataCenterIds(List<String> ids) {
      Objects.requireNonNull(ids, "dataCenterIds");
      dataCenterIds.clear();
      ids.forEach(id -> dataCenterIds.add(requireText(id, "dataCenterIds[]")));
      return this;
    }

    /** Adds one variable. The value is never printed; the message of a bad name shows the name only. */
    public Builder env(String key, String value) {
      Objects.requireNonNull(key, "env key");
      Objects.requireNonNull(value, "env value of " + key);
      if (!ENV_NAME.matcher(key).matches()) {
        throw new IllegalArgumentException("env: not a valid variable name: '" + key + "'");
      }
      if (!env.containsKey(key) && env.size() == MAX_ENV) {
        throw new IllegalArgumentException("env: RunPod accepts at most " + MAX_ENV + " variables");
      }
      env.put(key, value);
      return this;
    }

    /** Adds an exposed port, such as {@code 8000/http} or {@code 22/tcp}. */
    public Builder port(String port) {
      Objects.requireNonNull(port, "port");
      var m = PORT.matcher(port);
      if (!m.matches() || Integer.parseInt(m.group(1)) > 65535) {
        throw new IllegalArgumentException("port: must be <1-65535>/http or <1-65535>/tcp, was '" + port + "'");
      }
      if (!ports.contains(port)) {
        ports.add(port);
      }
      return this;
    }

    public Builder args(String args) {
      this.args = Objects.requireNonNull(args, "args");
      return this;
    }

    public Builder diskGb(int diskGb) {
      if (diskGb < 1) {
        throw new IllegalArgumentException("diskGb: must be at least 1, was " + diskGb);
      }
      this.diskGb = diskGb;
      return this;
    }

    public Builder mount(Mount mount) {
      this.mount = Objects.requireNonNull(mount, "mount");
      return this;
    }

    public Builder registry(String registryCredentialId) {
      this.registry = requireText(registryCredentialId, "registry");
      return this;
    }

    /** @throws IllegalArgumentException when neither an image nor a template is set */
    public PodSpec build() {
      if (image == null && templateId == null) {
        throw new IllegalArgumentException("image: required unless templateId is set");
      }
      return new PodSpec(this);
    }
  }
}
