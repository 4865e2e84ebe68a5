package dev.atlas.examples.pod;

import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.jboss.resteasy.spi.ResteasyDeployment;
import org.jboss.resteasy.spi.ResteasyProviderFactory;

/** Serves the application with RESTEasy's servlet dispatcher in embedded Tomcat, on all interfaces. */
final class ResteasyServer {
  private ResteasyServer() {}

  static RunningServer start(Application app, int port) {
    // The shaded jar lists both runtimes' RuntimeDelegate; make RESTEasy's the one in force.
    RuntimeDelegate.setInstance(ResteasyProviderFactory.getInstance());
    ResteasyDeployment deployment = new ResteasyDeploymentImpl();
    deployment.setApplication(app);
    deployment.start();
    Path baseDir;
    try {
      baseDir = Files.createTempDirectory("inference-pod-tomcat");
    } catch (IOException e) {
      deployment.stop();
      throw new UncheckedIOException("cannot create Tomcat's base directory", e);
    }
    Tomcat tomcat = new Tomcat();
    try {
      tomcat.setBaseDir(baseDir.toString());
      tomcat.getConnector().setPort(port);
      tomcat.getConnector().setThrowOnFailure(true); // a port in use fails the start instead of a log line
      Context context = tomcat.addContext("", baseDir.toString());
      // The dispatcher serves the deployment it finds in the servlet context.
      context.addServletContainerInitializer(
          (classes, servletContext) -> servletContext.setAttribute(ResteasyDeployment.class.getName(), deployment), null);
      Wrapper servlet = Tomcat.addServlet(context, "jaxrs", new HttpServlet30Dispatcher());
      servlet.setAsyncSupported(true);
      servlet.setLoadOnStartup(1);
      context.addServletMapping("/*", "jaxrs");
      tomcat.start();
      if (tomcat.getConnector().getState() != LifecycleState.STARTED) {
        throw new LifecycleException("the connector is " + tomcat.getConnector().getStateName());
      }
    } catch (LifecycleException e) {
      IllegalStateException failed = new IllegalStateException("Tomcat did not start: " + e.getMessage(), e);
      try {
        stop(tomcat, deployment, baseDir);
      } catch (RuntimeException cleanup) {
        failed.addSuppressed(cleanup);
      }
      throw failed;
    }
    return new RunningServer(tomcat.getConnector().getLocalPort(), () -> stop(tomcat, deployment, baseDir));
  }

  private static void stop(Tomcat tomcat, ResteasyDeployment deployment, Path baseDir) {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException("Tomcat did not stop cleanly", e);
    } finally {
      deployment.stop();
      deleteTree(baseDir);
    }
  }

  private static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
