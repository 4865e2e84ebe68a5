package dev.atlas.spawn.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeEvent;
import dev.atlas.spawn.ComputeException;
import dev.atlas.spawn.ComputeRequest;
import dev.atlas.spawn.ComputeSpawner;
import dev.atlas.spawn.ProviderSettings;
import dev.atlas.spawn.local.LocalComputeProvider;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.Test;

/** {@code @Inject ComputeSpawner} in Weld SE, booted through the standard SeContainerInitializer. */
class SpawnerCdiTest {

  private static SeContainer discovering(Class<?>... extra) {
    return SeContainerInitializer.newInstance().addBeanClasses(extra).initialize();
  }

  @Test
  void injectsAComputeSpawnerBackedByTheLocalProviderByDefault() {
    try (SeContainer container = discovering(CdiTestBeans.Client.class)) {
      ComputeSpawner spawner = container.select(CdiTestBeans.Client.class).get().spawner();

      assertThat(spawner.provider().name()).isEqualTo("local");
      assertThat(spawner.list()).isEmpty();
    }
  }

  /** Runs {@code body} with a MicroProfile Config of {@code values} for this thread's class loader. */
  private static void withMicroProfileConfig(Map<String, String> values, Runnable body) {
    ConfigProviderResolver resolver = ConfigProviderResolver.instance();
    Config config = new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(values, "test", 500))
        .build();
    resolver.registerConfig(config, Thread.currentThread().getContextClassLoader());
    try {
      body.run();
    } finally {
      resolver.releaseConfig(config);
    }
  }

  @Test
  void microProfileConfigChoosesTheProvider() {
    withMicroProfileConfig(Map.of("atlas.spawn.provider", "fake"), () -> {
      try (SeContainer container = discovering(CdiTestBeans.Client.class)) {
        assertThat(container.select(CdiTestBeans.Client.class).get().spawner().provider().name()).isEqualTo("fake");
      }
    });
  }

  @Test
  void withoutMicroProfileConfigSystemPropertiesAndEnvironmentAreUsed() {
    ClassLoader hidingMpConfig = new ClassLoader(getClass().getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("org.eclipse.microprofile.")) {
          throw new ClassNotFoundException(name);
        }
        return super.loadClass(name, resolve);
      }
    };
    String key = "atlas.spawn.test-only-setting";
    System.setProperty(key, "from-system");
    try {
      ProviderSettings settings = SpawnSettings.detect(hidingMpConfig);
      assertThat(settings.get(key)).contains("from-system");
      assertThat(settings.getClass().getName()).doesNotContain("MicroProfile");
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  void withMicroProfileConfigItsValuesWin() {
    withMicroProfileConfig(Map.of("atlas.spawn.local.stop-grace", "PT3S"), () ->
        assertThat(SpawnSettings.detect(Thread.currentThread().getContextClassLoader())
            .duration("atlas.spawn.local.stop-grace", Duration.ZERO))
            .isEqualTo(Duration.ofSeconds(3)));
  }

  @Test
  void anApplicationProviderBeanWithTheConfiguredNameIsUsed() {
    try (SeContainer container = discovering(CdiTestBeans.Client.class, CdiTestBeans.FakeProviderAndSettings.class)) {
      ComputeSpawner spawner = container.select(CdiTestBeans.Client.class).get().spawner();

      assertThat(spawner.provider().name()).isEqualTo("fake");
      Compute pod = spawner.spawn(ComputeRequest.builder("img").port("8000/http").build());
      assertThat(spawner.get(pod.id())).isPresent();
    }
  }

  @Test
  void lifecycleEventsAreFiredWithIdsAndNeverTheCredential() throws IOException {
    com.sun.net.httpserver.HttpServer health =
        com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    health.createContext("/health", exchange -> {
      try (exchange) {
        exchange.sendResponseHeaders(200, -1);
      }
    });
    health.start();
    CdiTestBeans.FakeProviderAndSettings.healthUrl = URI.create("http://127.0.0.1:" + health.getAddress().getPort());
    try (SeContainer container = discovering(CdiTestBeans.Client.class, CdiTestBeans.Recorder.class,
        CdiTestBeans.FakeProviderAndSettings.class)) {
      ComputeSpawner spawner = container.select(CdiTestBeans.Client.class).get().spawner();
      CdiTestBeans.Recorder recorder = container.select(CdiTestBeans.Recorder.class).get();

      Compute pod = spawner.spawnAndAwaitReady(ComputeRequest.builder("img").port("8000/http").build(),
          Duration.ofSeconds(10));
      spawner.terminate(pod.id());

      assertThat(recorder.all()).extracting(Object::getClass).containsExactly(
          ComputeEvent.Spawned.class, ComputeEvent.Ready.class, ComputeEvent.Terminated.class);
      assertThat(recorder.ready()).singleElement().satisfies(r -> assertThat(r.computeId()).isEqualTo(pod.id()));
      String token = pod.auth().orElseThrow().token();
      String hash = pod.auth().orElseThrow().hash();
      assertThat(recorder.all().toString()).contains(pod.id()).doesNotContain(token).doesNotContain(hash);
    } finally {
      health.stop(0);
    }
  }

  @Test
  void aFailedSpawnFiresAFailedEvent() {
    try (SeContainer container = discovering(CdiTestBeans.Client.class, CdiTestBeans.Recorder.class,
        CdiTestBeans.FakeProviderAndSettings.class)) {
      ComputeSpawner spawner = container.select(CdiTestBeans.Client.class).get().spawner();
      CdiTestBeans.Recorder recorder = container.select(CdiTestBeans.Recorder.class).get();
      ComputeRequest tooManyPorts = ComputeRequest.builder("img").port("1/http").port("2/http").port("3/http")
          .port("4/http").port("5/http").port("6/http").port("7/http").port("8/http").port("9/http")
          .port("10/http").port("11/http").build();

      assertThatThrownBy(() -> spawner.spawn(tooManyPorts)).isInstanceOf(ComputeException.class);
      assertThat(recorder.all()).singleElement().isInstanceOfSatisfying(ComputeEvent.Failed.class, f -> {
        assertThat(f.kind()).isEqualTo(ComputeException.Kind.UNSUPPORTED);
        assertThat(f.compute()).isEmpty();
      });
    }
  }

  @Test
  void closingTheContainerEndsThePodsOfTheProviderItCreated() {
    long pid;
    try (SeContainer container = discovering(CdiTestBeans.Client.class)) {
      ComputeSpawner spawner = container.select(CdiTestBeans.Client.class).get().spawner();
      Compute pod = spawner.spawn(ComputeRequest.builder("sleep 60").build());
      pid = ((LocalComputeProvider) spawner.provider()).pid(pod.id()).orElseThrow();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
    }
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
  }

}
