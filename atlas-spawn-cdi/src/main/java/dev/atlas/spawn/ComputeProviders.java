package dev.atlas.spawn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds {@link ComputeProviderFactory} implementations through {@link ServiceLoader}. */
public final class ComputeProviders {
  /** The setting naming the default provider. */
  public static final String PROVIDER_KEY = "atlas.spawn.provider";
  /** The provider used when {@link #PROVIDER_KEY} is not set: real pods on this machine. */
  public static final String DEFAULT_PROVIDER = "local";

  private ComputeProviders() {}

  /** The factories visible to this class's class loader. */
  public static List<ComputeProviderFactory> factories() {
    List<ComputeProviderFactory> out = new ArrayList<>();
    ServiceLoader.load(ComputeProviderFactory.class, ComputeProviders.class.getClassLoader())
        .forEach(out::add);
    return out;
  }

  /**
   * Creates the provider named {@code name} with {@code settings}.
   *
   * @throws ComputeException {@link ComputeException.Kind#UNSUPPORTED} if no factory has that name
   */
  public static ComputeProvider create(String name, ProviderSettings settings) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(settings, "settings");
    TreeSet<String> known = new TreeSet<>();
    for (ComputeProviderFactory factory : factories()) {
      if (factory.name().equals(name)) {
        return factory.create(settings);
      }
      known.add(factory.name());
    }
    throw ComputeException.of(
        ComputeException.Kind.UNSUPPORTED,
        "no compute provider named '" + name + "'; available: " + known);
  }

  /** Creates the provider named by {@link #PROVIDER_KEY} in {@code settings}, default {@code local}. */
  public static ComputeProvider createDefault(ProviderSettings settings) {
    return create(settings.get(PROVIDER_KEY, DEFAULT_PROVIDER), settings);
  }
}
