package dev.atlas.spawn.runpod;

/** RunPod's cloud tier. */
public enum Cloud {
  /** RunPod-owned data-center hardware; the API's default. */
  SECURE,
  /** Community-hosted hardware. */
  COMMUNITY
}
