package dev.atlas.demo.controlplane;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;

/** Makes one {@link DemoConfig} instance injectable. */
public final class DemoConfigExtension implements Extension {
  private final DemoConfig config;

  public DemoConfigExtension(DemoConfig config) {
    this.config = config;
  }

  void register(@Observes AfterBeanDiscovery abd) {
    abd.addBean().types(DemoConfig.class, Object.class).scope(Singleton.class).createWith(c -> config);
  }
}
