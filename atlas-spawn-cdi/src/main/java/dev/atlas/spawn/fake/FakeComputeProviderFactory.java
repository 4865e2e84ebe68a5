package dev.atlas.spawn.fake;

import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.ComputeProviderFactory;
import dev.atlas.spawn.ProviderSettings;

/** Registers {@link FakeComputeProvider} under the name {@code fake}. */
public final class FakeComputeProviderFactory implements ComputeProviderFactory {
  @Override
  public String name() {
    return FakeComputeProvider.NAME;
  }

  @Override
  public ComputeProvider create(ProviderSettings settings) {
    return FakeComputeProvider.create();
  }
}
