package dev.atlas.auth.jaxrs;

import jakarta.ws.rs.core.Application;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The contract on Jersey 4 in Grizzly. */
class JerseyGrizzlyTest extends JaxrsBearerContract {
  static ResourceConfig config(Application app) {
    return ResourceConfig.forApplication(app).property(ServerProperties.WADL_FEATURE_DISABLE, true);
  }

  /** Starts Grizzly with {@code config} on 127.0.0.1 and a port the system picks. */
  static Deployment start(ResourceConfig config) {
    HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config);
    URI base = URI.create("http://127.0.0.1:" + server.getListeners().iterator().next().getPort());
    return new Deployment() {
      @Override
      public URI base() {
        return base;
      }

      @Override
      public void close() {
        server.shutdownNow();
      }
    };
  }

  @Override
  protected Deployment deploy(Application app) {
    return start(config(app));
  }
}
