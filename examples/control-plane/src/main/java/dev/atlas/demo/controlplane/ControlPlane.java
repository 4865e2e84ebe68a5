package dev.atlas.demo.controlplane;

import com.sun.net.httpserver.HttpServer;
import dev.atlas.spawn.ComputeSpawner;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The running demo: Weld SE first (so Jersey finds the CDI container), then Jersey on the JDK's
 * HTTP server, bound to loopback only (it starts processes on request). Closing it ends every
 * session, then the server, then the container (which closes the local provider).
 */
public final class ControlPlane implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ControlPlane.class.getName());

  private final HttpServer server;
  private final ExecutorService workers;
  private final ScheduledExecutorService reaper;
  private final SeContainer cdi;
  private final Sessions sessions;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ControlPlane(HttpServer server, ExecutorService workers, SeContainer cdi) {
    this.server = server;
    this.workers = workers;
    this.cdi = cdi;
    this.sessions = cdi.select(Sessions.class).get();
    this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "atlas-demo-idle-reaper");
      t.setDaemon(true);
      return t;
    });
    long every = sessions.reapInterval().toMillis();
    reaper.scheduleWithFixedDelay(this::reap, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts on {@code port} (0 for a free one) on 127.0.0.1. {@code config} receives the port and
   * returns the settings, so the allowed origins name the real port.
   */
  public static ControlPlane start(int port, Function<Integer, DemoConfig> config) {
    int actual = port != 0 ? port : freeLoopbackPort();
    DemoConfig demo = config.apply(actual);
    // Weld first: Jersey's CDI integration looks the container up while it builds the application.
    // Discovery finds this module's beans and SpawnerProducer (both archives carry beans.xml).
    // Our own close() ends sessions before the container goes, so Weld must not race us at exit.
    SeContainer cdi = SeContainerInitializer.newInstance()
        .addProperty("org.jboss.weld.se.shutdownHook", false)
        .addExtensions(new DemoConfigExtension(demo))
        .initialize();
    ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "atlas-demo-http");
      t.setDaemon(true);
      return t;
    });
    try {
      ResourceConfig app = new ResourceConfig(SessionsResource.class, PageResource.class)
          .property(ServerProperties.WADL_FEATURE_DISABLE, true);
      HttpServer server =
          JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:" + actual + "/"), app, false);
      server.setExecutor(workers);
      server.start();
      ControlPlane plane = new ControlPlane(server, workers, cdi);
      LOG.log(Level.INFO, "control plane listening on {0}", plane.url());
      return plane;
    } catch (RuntimeException e) {
      workers.shutdownNow();
      cdi.close();
      throw e;
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** {@code http://localhost:<port>/}. */
  public URI url() {
    return URI.create("http://localhost:" + server.getAddress().getPort() + "/");
  }

  /** The spawner the sessions use (for tests and tools). */
  public ComputeSpawner spawner() {
    return cdi.select(ComputeSpawner.class).get();
  }

  /** The open sessions. */
  public Sessions sessions() {
    return sessions;
  }

  private void reap() {
    try {
      sessions.reapIdle();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "idle reaper failed: {0}", e.getClass().getName());
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    reaper.shutdownNow();
    try {
      sessions.closeAll();
    } finally {
      server.stop(0);
      workers.shutdownNow();
      cdi.close();
    }
  }
}
