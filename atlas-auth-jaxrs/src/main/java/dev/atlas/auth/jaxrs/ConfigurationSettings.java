package dev.atlas.auth.jaxrs;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Collects the JAX-RS configuration properties under {@value AtlasAuthFeature#PROPERTY_PREFIX}
 * into the core's string settings, the prefix stripped ({@code atlas.auth.excludePaths} becomes
 * {@code excludePaths}).
 */
final class ConfigurationSettings {
  private ConfigurationSettings() {}

  /**
   * The settings in {@code properties}.
   *
   * @throws IllegalArgumentException naming a property whose value is neither text, a number, a
   *     boolean nor a collection of those
   */
  static Map<String, String> from(Map<String, Object> properties) {
    Objects.requireNonNull(properties, "properties");
    Map<String, String> settings = new TreeMap<>();
    for (Map.Entry<String, Object> e : properties.entrySet()) {
      String name = e.getKey();
      if (name != null && name.startsWith(AtlasAuthFeature.PROPERTY_PREFIX)) {
        settings.put(name.substring(AtlasAuthFeature.PROPERTY_PREFIX.length()), text(name, e.getValue()));
      }
    }
    return settings;
  }

  private static String text(String name, Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Collection<?> || value instanceof Object[]) {
      Iterable<?> items = value instanceof Object[] ? java.util.Arrays.asList((Object[]) value) : (Collection<?>) value;
      StringJoiner joined = new StringJoiner(",");
      for (Object item : items) {
        joined.add(text(name, item));
      }
      return joined.toString();
    }
    throw new IllegalArgumentException("property " + name + " must be text, a number, a boolean or a list of those, was "
        + (value == null ? "null" : value.getClass().getName()));
  }
}
