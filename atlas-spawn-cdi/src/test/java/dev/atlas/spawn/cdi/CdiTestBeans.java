package dev.atlas.spawn.cdi;

import dev.atlas.spawn.ComputeEvent;
import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.ComputeSpawner;
import dev.atlas.spawn.ProviderSettings;
import dev.atlas.spawn.fake.FakeComputeProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Beans the CDI tests add to their containers. */
final class CdiTestBeans {
  private CdiTestBeans() {}

  /** An application bean that injects the spawner, as a real app would. */
  @ApplicationScoped
  static class Client {
    @Inject ComputeSpawner spawner;

    /** Read through a method: a field read on the client proxy would see null. */
    ComputeSpawner spawner() {
      return spawner;
    }
  }

  /** Records every lifecycle event, and the Ready ones separately (typed observer). */
  @ApplicationScoped
  static class Recorder {
    final List<ComputeEvent> all = new CopyOnWriteArrayList<>();
    final List<ComputeEvent.Ready> ready = new CopyOnWriteArrayList<>();

    void onAny(@Observes ComputeEvent event) {
      all.add(event);
    }

    void onReady(@Observes ComputeEvent.Ready event) {
      ready.add(event);
    }

    List<ComputeEvent> all() {
      return all;
    }

    List<ComputeEvent.Ready> ready() {
      return ready;
    }
  }

  /** The application's own provider bean, chosen by name through a settings bean. */
  @ApplicationScoped
  static class FakeProviderAndSettings {
    static volatile URI healthUrl = URI.create("http://127.0.0.1:9");

    @Produces
    @ApplicationScoped
    ComputeProvider fake() {
      return FakeComputeProvider.builder().urls(port -> healthUrl).build();
    }

    @Produces
    ProviderSettings settings() {
      return ProviderSettings.of(Map.of("atlas.spawn.provider", "fake"), Map.of());
    }
  }
}
