package dev.atlas.spawn.runpod;

import java.util.Objects;

/**
 * A RunPod API key. A secret: it cannot print itself, has no {@code equals}, and hands out its raw
 * value through one method, {@link #secretValue()}, which only the client calls to build the {@code
 * Authorization: Bearer} header.
 */
public final class RunPodApiKey {
  private final String value;

  private RunPodApiKey(String value) {
    this.value = value;
  }

  /**
   * Wraps a key.
   *
   * @throws IllegalArgumentException if the key is blank or holds a character an HTTP header cannot
   *     carry (the message never repeats the key)
   */
  public static RunPodApiKey of(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("key: the RunPod API key is blank");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(
            "key: the RunPod API key holds a character that is not visible ASCII, at index " + i);
      }
    }
    return new RunPodApiKey(key);
  }

  /** The raw key, for the {@code Authorization} header only. Never log it. */
  public String secretValue() {
    return value;
  }

  @Override
  public String toString() {
    return "RunPodApiKey[<redacted>]";
  }
}
