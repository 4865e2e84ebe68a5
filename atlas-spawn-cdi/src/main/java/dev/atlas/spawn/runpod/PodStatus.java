package dev.atlas.spawn.runpod;

/** A v2 pod's {@code status}. */
public enum PodStatus {
  /** The pod is being allocated. */
  PROVISIONING,
  /** The container is starting. */
  STARTING,
  /** The container is healthy (which is not yet "serving": probe it). */
  RUNNING,
  /** The container exited (stopped); it can be started again. */
  EXITED,
  /** The container is in an unrecoverable error state. */
  ERROR,
  /** The pod has been deleted for good. */
  TERMINATED,
  /** A status this client does not know (RunPod added one); treated as not ready. */
  UNKNOWN;

  /** The status named {@code name}, or {@link #UNKNOWN}. */
  static PodStatus parse(String name) {
    for (PodStatus s : values()) {
      if (s != UNKNOWN && s.name().equals(name)) {
        return s;
      }
    }
    return UNKNOWN;
  }
}
