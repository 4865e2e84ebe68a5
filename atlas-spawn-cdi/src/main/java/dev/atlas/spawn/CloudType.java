package dev.atlas.spawn;

/** Which of a provider's clouds may host the pod, where the provider has more than one. */
public enum CloudType {
  /** Data-centre hardware (RunPod {@code SECURE}). */
  SECURE,
  /** Peer-hosted hardware (RunPod {@code COMMUNITY}). */
  COMMUNITY
}
