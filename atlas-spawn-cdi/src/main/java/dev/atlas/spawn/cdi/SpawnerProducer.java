package dev.atlas.spawn.cdi;

import dev.atlas.spawn.ComputeEvent;
import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.ComputeProviders;
import dev.atlas.spawn.ComputeSpawner;
import dev.atlas.spawn.ProviderSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;

/**
 * Makes {@code @Inject ComputeSpawner} work in any CDI 4 container (Weld SE included).
 *
 * <p>The provider is the one named by {@code atlas.spawn.provider} (default {@code local}): a CDI
 * bean of type {@link ComputeProvider} with that {@link ComputeProvider#name()} if the application
 * has one, else the {@link java.util.ServiceLoader} factory of that name, which this producer then
 * owns and closes at shutdown. Settings come from a {@link ProviderSettings} bean if there is one,
 * else MicroProfile Config when it is on the class path, else system properties and the
 * environment. Every {@link ComputeEvent} is fired as a CDI event: observe {@code
 * ComputeEvent.Ready}, {@code ComputeEvent.Failed}, ... or {@code ComputeEvent} itself.
 */
@ApplicationScoped
public class SpawnerProducer {
  private static final System.Logger LOG = System.getLogger(SpawnerProducer.class.getName());

  private final Instance<ComputeProvider> providerBeans;
  private final Instance<ProviderSettings> settingsBeans;
  private final Event<ComputeEvent> events;
  private volatile ComputeProvider owned;

  /** For the container's proxy only. */
  protected SpawnerProducer() {
    this(null, null, null);
  }

  @Inject
  public SpawnerProducer(
      Instance<ComputeProvider> providerBeans,
      Instance<ProviderSettings> settingsBeans,
      Event<ComputeEvent> events) {
    this.providerBeans = providerBeans;
    this.settingsBeans = settingsBeans;
    this.events = events;
  }

  @Produces
  @ApplicationScoped
  public ComputeSpawner spawner() {
    ProviderSettings settings =
        settingsBeans.isResolvable()
            ? settingsBeans.get()
            : SpawnSettings.detect(Thread.currentThread().getContextClassLoader());
    String name = settings.get(ComputeProviders.PROVIDER_KEY, ComputeProviders.DEFAULT_PROVIDER);
    ComputeProvider provider = null;
    for (ComputeProvider bean : providerBeans) {
      if (bean.name().equals(name)) {
        provider = bean;
        break;
      }
    }
    if (provider == null) {
      provider = ComputeProviders.create(name, settings);
      owned = provider;
    }
    LOG.log(Level.INFO, "compute spawner ready with provider {0}", name);
    return ComputeSpawner.builder(provider).listener(events::fire).build();
  }

  /** Closes the provider if this producer created it (the local one ends its pods). */
  public void close(@Disposes ComputeSpawner spawner) {
    ComputeProvider provider = owned;
    if (provider != null && spawner.provider() == provider) {
      owned = null;
      provider.close();
    }
  }
}
