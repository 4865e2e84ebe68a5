package dev.atlas.spawn.local;

import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.ComputeProviderFactory;
import dev.atlas.spawn.ProviderSettings;

/** Registers {@link LocalComputeProvider} under the name {@code local}. */
public final class LocalComputeProviderFactory implements ComputeProviderFactory {
  @Override
  public String name() {
    return LocalComputeProvider.NAME;
  }

  @Override
  public ComputeProvider create(ProviderSettings settings) {
    return LocalComputeProvider.create(settings);
  }
}
