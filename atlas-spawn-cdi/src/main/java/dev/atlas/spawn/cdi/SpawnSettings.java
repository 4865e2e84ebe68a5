package dev.atlas.spawn.cdi;

import dev.atlas.spawn.ProviderSettings;
import dev.atlas.spawn.cdi.mp.MicroProfileSettings;
import java.lang.System.Logger.Level;

/** Picks where spawner settings come from: MicroProfile Config when usable, else the system. */
public final class SpawnSettings {
  private static final System.Logger LOG = System.getLogger(SpawnSettings.class.getName());
  private static final String MP_CONFIG = "org.eclipse.microprofile.config.ConfigProvider";

  private SpawnSettings() {}

  /**
   * MicroProfile Config if its API is visible to {@code loader} and an implementation answers;
   * otherwise {@link ProviderSettings#system()}.
   */
  public static ProviderSettings detect(ClassLoader loader) {
    ClassLoader effective = loader != null ? loader : SpawnSettings.class.getClassLoader();
    try {
      Class.forName(MP_CONFIG, false, effective);
    } catch (ClassNotFoundException | LinkageError absent) {
      LOG.log(Level.DEBUG, "MicroProfile Config not present; using system properties and environment");
      return ProviderSettings.system();
    }
    try {
      return MicroProfileSettings.of(effective);
    } catch (IllegalStateException | LinkageError noImplementation) {
      LOG.log(Level.INFO, "MicroProfile Config API present but unusable ({0}); using system properties"
          + " and environment", noImplementation.getClass().getSimpleName());
      return ProviderSettings.system();
    }
  }
}
