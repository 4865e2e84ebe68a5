package dev.atlas.examples.pod;

import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** Serves the application with Jersey in Grizzly, on all interfaces. */
final class JerseyServer {
  private JerseyServer() {}

  static RunningServer start(Application app, int port) {
    // The shaded jar lists both runtimes' RuntimeDelegate; make Jersey's the one in force.
    RuntimeDelegate.setInstance(new org.glassfish.jersey.server.internal.RuntimeDelegateImpl());
    ResourceConfig config = ResourceConfig.forApplication(app).property(ServerProperties.WADL_FEATURE_DISABLE, true);
    HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://0.0.0.0:" + port + "/"), config);
    return new RunningServer(server.getListeners().iterator().next().getPort(), server::shutdownNow);
  }
}
