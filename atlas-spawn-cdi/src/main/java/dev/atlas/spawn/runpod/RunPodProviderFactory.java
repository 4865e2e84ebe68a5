package dev.atlas.spawn.runpod;

import dev.atlas.spawn.ComputeException;
import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.ComputeProviderFactory;
import dev.atlas.spawn.ProviderSettings;
import java.util.Objects;

/**
 * Registers {@link RunPodProvider} under {@code runpod} for {@link java.util.ServiceLoader}. Reads
 * {@value RunPodConfig#API_KEY} (or {@value RunPodConfig#API_KEY_ENV}), {@value RunPodConfig#BASE_URL}
 * (or {@value RunPodConfig#BASE_URL_ENV}), {@value RunPodConfig#OWNER} and {@value
 * RunPodConfig#REQUEST_TIMEOUT} from the settings.
 */
public final class RunPodProviderFactory implements ComputeProviderFactory {
  @Override
  public String name() {
    return RunPodProvider.NAME;
  }

  /**
   * @throws ComputeException {@link ComputeException.Kind#VALIDATION} naming the setting that is
   *     missing or unusable (never its value)
   */
  @Override
  public ComputeProvider create(ProviderSettings settings) {
    Objects.requireNonNull(settings, "settings");
    RunPodConfig config;
    try {
      config = RunPodConfig.load(settings::get);
    } catch (IllegalStateException e) {
      throw ComputeException.builder(ComputeException.Kind.VALIDATION, e.getMessage())
          .provider(RunPodProvider.NAME).build();
    }
    if (config.apiKey().isEmpty()) {
      throw ComputeException.builder(ComputeException.Kind.VALIDATION,
          "no RunPod API key: set " + RunPodConfig.API_KEY + " or the environment variable "
              + RunPodConfig.API_KEY_ENV).provider(RunPodProvider.NAME).build();
    }
    return RunPodProvider.create(config);
  }
}
