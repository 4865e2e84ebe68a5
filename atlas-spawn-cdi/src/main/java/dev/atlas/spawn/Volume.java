package dev.atlas.spawn;

import java.util.Objects;

/** Storage that outlives the container's own disk: a per-pod persistent disk or a network volume. */
public sealed interface Volume {

  /** Where the volume is mounted inside the pod, e.g. {@code /workspace}. */
  String mountPath();

  /** A persistent disk created with the pod and destroyed on terminate. */
  static Volume persistent(int sizeGb, String mountPath) {
    return new Persistent(sizeGb, mountPath);
  }

  /** An existing network volume, attached by id (it survives the pod). */
  static Volume network(String volumeId, String mountPath) {
    return new Network(volumeId, mountPath);
  }

  /**
   * @param sizeGb size in GB, at least 1
   * @param mountPath absolute path inside the pod
   */
  record Persistent(int sizeGb, String mountPath) implements Volume {
    public Persistent {
      if (sizeGb < 1) {
        throw new IllegalArgumentException("volume: size must be positive, was " + sizeGb);
      }
      checkPath(mountPath);
    }
  }

  /**
   * @param volumeId the provider's volume id
   * @param mountPath absolute path inside the pod
   */
  record Network(String volumeId, String mountPath) implements Volume {
    public Network {
      Objects.requireNonNull(volumeId, "volumeId");
      if (volumeId.isBlank()) {
        throw new IllegalArgumentException("volume: volume id must not be blank");
      }
      checkPath(mountPath);
    }
  }

  private static void checkPath(String mountPath) {
    Objects.requireNonNull(mountPath, "mountPath");
    if (!mountPath.startsWith("/")) {
      throw new IllegalArgumentException("volume: mount path must be absolute, was '" + mountPath + "'");
    }
  }
}
