package dev.atlas.auth.jaxrs;

import jakarta.ws.rs.core.Application;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.jboss.resteasy.spi.ResteasyDeployment;

/** The contract on RESTEasy 7 behind its servlet dispatcher in embedded Tomcat 11. */
class ResteasyTomcatTest extends JaxrsBearerContract {
  @Override
  protected Deployment deploy(Application app) throws Exception {
    // Starting the deployment applies the application's features: a misconfigured one throws here.
    ResteasyDeployment deployment = new ResteasyDeploymentImpl();
    deployment.setApplication(app);
    deployment.start();
    Path baseDir = Files.createTempDirectory("resteasy-tomcat");
    Tomcat tomcat = new Tomcat();
    try {
      tomcat.setBaseDir(baseDir.toString());
      tomcat.getConnector().setPort(0);
      tomcat.getConnector().setProperty("address", "127.0.0.1");
      Context context = tomcat.addContext("", baseDir.toString());
      // The dispatcher serves the deployment it finds in the servlet context.
      context.addServletContainerInitializer(
          (classes, servletContext) -> servletContext.setAttribute(ResteasyDeployment.class.getName(), deployment), null);
      Wrapper servlet = Tomcat.addServlet(context, "jaxrs", new HttpServlet30Dispatcher());
      servlet.setAsyncSupported(true);
      servlet.setLoadOnStartup(1);
      context.addServletMapping("/*", "jaxrs");
      tomcat.start();
    } catch (Exception | Error e) {
      stop(tomcat, deployment, baseDir);
      throw e;
    }
    URI base = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort());
    return new Deployment() {
      @Override
      public URI base() {
        return base;
      }

      @Override
      public void close() {
        try {
          stop(tomcat, deployment, baseDir);
        } catch (Exception e) {
          throw new IllegalStateException("RESTEasy/Tomcat did not stop cleanly", e);
        }
      }
    };
  }

  private static void stop(Tomcat tomcat, ResteasyDeployment deployment, Path baseDir) throws Exception {
    try {
      tomcat.stop();
      tomcat.destroy();
    } finally {
      deployment.stop();
      try (Stream<Path> files = Files.walk(baseDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
