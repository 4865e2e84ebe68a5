package dev.atlas.examples.servlet;

import dev.atlas.auth.servlet.BearerAuthFilter;
import dev.atlas.auth.servlet.jetty.JettyEe10BearerAuth;
import dev.atlas.auth.servlet.jetty.JettyEe11BearerAuth;
import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Function;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Starts {@link ServletApp} on each container, the way a user of that container would. */
final class Servers {
  private Servers() {}

  /** A running server. */
  interface Running extends AutoCloseable {
    int port();

    @Override
    void close() throws Exception;
  }

  /**
   * Tomcat: the filter through {@code BearerAuthFilter.register} from a ServletContainerInitializer.
   *
   * @throws IllegalStateException when the context does not start, e.g. the filter has no key
   */
  static Running tomcat(String host, int port, Function<String, String> env) throws IOException, LifecycleException {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("servlet-app-tomcat").toString());
    tomcat.setPort(port);
    tomcat.getConnector().setProperty("address", host);
    // Error pages that quote neither the rejected request nor the server version.
    ErrorReportValve errors = new ErrorReportValve();
    errors.setShowReport(false);
    errors.setShowServerInfo(false);
    tomcat.getHost().getPipeline().addValve(errors);
    Context ctx = tomcat.addContext("", null);
    ctx.addServletContainerInitializer((classes, servletContext) -> {
      if (env != null) {
        BearerAuthFilter.register(servletContext, BearerAuthFilter.withEnvironment(env))
            .setInitParameter(BearerAuthFilter.EXCLUDE_PATHS, ServletApp.EXCLUDED);
      }
      new ServletApp().onStartup(classes, servletContext);
    }, null);
    tomcat.start();
    if (!ctx.getState().isAvailable()) {
      tomcat.stop();
      tomcat.destroy();
      throw new IllegalStateException("the application did not start; see the log above");
    }
    return new Running() {
      @Override
      public int port() {
        return tomcat.getConnector().getLocalPort();
      }

      @Override
      public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
      }
    };
  }

  /** Jetty 12 ee10: the filter through the one-line {@link JettyEe10BearerAuth#install}. */
  static Running jettyEe10(String host, int port, Function<String, String> env) throws Exception {
    var ctx = new org.eclipse.jetty.ee10.servlet.ServletContextHandler("/");
    if (env != null) {
      JettyEe10BearerAuth.install(ctx, BearerAuthFilter.withEnvironment(env))
          .setInitParameter(BearerAuthFilter.EXCLUDE_PATHS, ServletApp.EXCLUDED);
    }
    ctx.addServletContainerInitializer(new ServletApp());
    return jetty(host, port, ctx);
  }

  /** Jetty 12 ee11: the filter through the one-line {@link JettyEe11BearerAuth#install}. */
  static Running jettyEe11(String host, int port, Function<String, String> env) throws Exception {
    var ctx = new org.eclipse.jetty.ee11.servlet.ServletContextHandler("/");
    if (env != null) {
      JettyEe11BearerAuth.install(ctx, BearerAuthFilter.withEnvironment(env))
          .setInitParameter(BearerAuthFilter.EXCLUDE_PATHS, ServletApp.EXCLUDED);
    }
    ctx.addServletContainerInitializer(new ServletApp());
    return jetty(host, port, ctx);
  }

  private static Running jetty(String host, int port, Handler ctx) throws Exception {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(ctx);
    try {
      server.start(); // throws when the filter does not start
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new Running() {
      @Override
      public int port() {
        return connector.getLocalPort();
      }

      @Override
      public void close() throws Exception {
        server.stop();
      }
    };
  }
}
