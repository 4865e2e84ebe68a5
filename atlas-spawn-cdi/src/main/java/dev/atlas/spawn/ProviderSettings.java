package dev.atlas.spawn;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Key-value settings for providers and the spawner, with keys like {@code atlas.spawn.provider}.
 * The CDI integration backs this with MicroProfile Config when present; {@link #system()} reads
 * system properties, then environment variables.
 */
@FunctionalInterface
public interface ProviderSettings {

  /** The raw value of {@code key}, if set. */
  Optional<String> get(String key);

  /**
   * System properties first, then the environment: the exact key, then the key with every
   * character outside {@code [A-Za-z0-9_]} replaced by {@code _} and upper-cased (as MicroProfile
   * Config does): {@code runpod.api-key} is found as {@code RUNPOD_API_KEY}.
   */
  static ProviderSettings system() {
    return of(System.getProperties(), System.getenv());
  }

  /** Settings from the given maps, looked up as {@link #system()} does. For tests. */
  static ProviderSettings of(Map<?, ?> properties, Map<String, String> environment) {
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(environment, "environment");
    return key -> {
      Object property = properties.get(key);
      if (property != null) {
        return Optional.of(property.toString());
      }
      String exact = environment.get(key);
      if (exact != null) {
        return Optional.of(exact);
      }
      return Optional.ofNullable(environment.get(environmentName(key)));
    };
  }

  /** {@code runpod.api-key} becomes {@code RUNPOD_API_KEY}. */
  static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9_]", "_").toUpperCase(Locale.ROOT);
  }

  /** The value, or {@code fallback}; a blank value counts as unset. */
  default String get(String key, String fallback) {
    return get(key).filter(v -> !v.isBlank()).map(String::strip).orElse(fallback);
  }

  /**
   * A duration given as ISO-8601 ({@code PT30S}) or as a number of seconds ({@code 30}).
   *
   * @throws ComputeException {@link ComputeException.Kind#VALIDATION} naming the key if unparsable
   *     or not positive
   */
  default Duration duration(String key, Duration fallback) {
    Optional<String> raw = get(key).filter(v -> !v.isBlank()).map(String::strip);
    if (raw.isEmpty()) {
      return fallback;
    }
    String value = raw.get();
    Duration parsed;
    try {
      parsed =
          value.chars().allMatch(Character::isDigit)
              ? Duration.ofSeconds(Long.parseLong(value))
              : Duration.parse(value);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ComputeException.of(
          ComputeException.Kind.VALIDATION,
          key + ": expected seconds or an ISO-8601 duration like PT30S, was '" + value + "'");
    }
    if (parsed.isZero() || parsed.isNegative()) {
      throw ComputeException.of(
          ComputeException.Kind.VALIDATION, key + ": must be positive, was '" + value + "'");
    }
    return parsed;
  }
}
