package dev.atlas.spawn.cdi.mp;

import dev.atlas.spawn.ProviderSettings;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@link ProviderSettings} backed by MicroProfile Config. Loaded only after the API was found on the
 * class path (the dependency is optional), and excluded from CDI scanning for the same reason.
 */
public final class MicroProfileSettings {
  private MicroProfileSettings() {}

  /**
   * The config of {@code loader} (which also reads system properties and the environment).
   *
   * @throws IllegalStateException if no MicroProfile Config implementation is present
   */
  public static ProviderSettings of(ClassLoader loader) {
    Config config = ConfigProvider.getConfig(loader);
    return key -> config.getOptionalValue(key, String.class);
  }
}
