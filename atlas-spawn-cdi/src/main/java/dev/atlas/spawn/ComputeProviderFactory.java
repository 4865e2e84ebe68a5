package dev.atlas.spawn;

/**
 * Creates a {@link ComputeProvider} from settings. Register implementations in {@code
 * META-INF/services/dev.atlas.spawn.ComputeProviderFactory}; {@link ComputeProviders#create} finds
 * them by {@link #name()}.
 */
public interface ComputeProviderFactory {

  /** The provider's name, as {@link ComputeProvider#name()}. */
  String name();

  /**
   * Creates the provider. Reads what it needs from {@code settings} (e.g. {@code
   * runpod.api-key}, found in the environment as {@code RUNPOD_API_KEY}).
   *
   * @throws ComputeException {@link ComputeException.Kind#VALIDATION} if a required setting is
   *     missing or invalid; the message names the setting, never its value
   */
  ComputeProvider create(ProviderSettings settings);
}
