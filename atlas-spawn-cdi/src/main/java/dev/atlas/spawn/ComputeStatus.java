package dev.atlas.spawn;

/** The lifecycle state of a pod, common to all providers. */
public enum ComputeStatus {
  /** Accepted; hardware is being found or the image pulled. */
  PROVISIONING,
  /** The container or process is starting. */
  STARTING,
  /** Running. Not necessarily serving yet: readiness is an HTTP probe on top of this. */
  RUNNING,
  /** Stopped on request (or exited cleanly); may be started again where supported. */
  STOPPED,
  /** Crashed or unrecoverable (RunPod {@code ERROR}, a local process exiting non-zero). */
  FAILED,
  /** Terminated: gone for good. */
  TERMINATED;

  /** Whether the pod can no longer become {@link #RUNNING} without an explicit start. */
  public boolean isDown() {
    return this == STOPPED || this == FAILED || this == TERMINATED;
  }
}
