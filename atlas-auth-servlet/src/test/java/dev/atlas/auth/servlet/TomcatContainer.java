package dev.atlas.auth.servlet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.scan.StandardJarScanner;

/** Embedded Tomcat 11. */
final class TomcatContainer extends Container {
  private final Tomcat tomcat = new Tomcat();
  private final Map<String, Context> contexts = new HashMap<>();
  private final Path base;

  /** A Tomcat whose error pages show neither the report nor the server, as a production one should. */
  TomcatContainer() throws Exception {
    this(true);
  }

  /**
   * A Tomcat; unless {@code hardened}, with the default ErrorReportValve, whose 400 page quotes the
   * rejected request line or header line, token included.
   */
  TomcatContainer(boolean hardened) throws Exception {
    base = Files.createTempDirectory("atlas-tomcat");
    tomcat.setBaseDir(base.toString());
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    tomcat.getConnector().setProperty("maxHttpRequestHeaderSize", Integer.toString(HEADER_LIMIT_BYTES));
    if (hardened) {
      ErrorReportValve errors = new ErrorReportValve();
      errors.setShowReport(false);
      errors.setShowServerInfo(false);
      tomcat.getHost().getPipeline().addValve(errors);
    }
  }

  @Override
  String name() {
    return "Tomcat 11";
  }

  @Override
  void start(List<App> apps) throws Exception {
    for (App app : apps) {
      Context ctx = tomcat.addContext(app.contextPath(), null);
      ctx.addServletContainerInitializer(app.setup(), null);
      ErrorPage page = new ErrorPage();
      page.setErrorCode(500);
      page.setLocation(ERROR_PAGE);
      ctx.addErrorPage(page);
      contexts.put(app.contextPath(), ctx);
    }
    tomcat.start();
  }

  @Override
  void startWars(Map<String, Path> wars) throws Exception {
    Path appBase = Files.createDirectories(base.resolve("webapps"));
    tomcat.getHost().setAppBase(appBase.toString());
    tomcat.setAddDefaultWebXmlToWebapp(false);
    for (Map.Entry<String, Path> war : wars.entrySet()) {
      Context ctx = tomcat.addWebapp(war.getKey(), war.getValue().toString());
      // A standalone Tomcat sees only WEB-INF/lib; don't scan the test JVM's class path for fragments.
      ((StandardJarScanner) ctx.getJarScanner()).setScanClassPath(false);
      contexts.put(war.getKey(), ctx);
    }
    tomcat.start();
  }

  @Override
  boolean available(String contextPath) {
    return contexts.get(contextPath).getState().isAvailable();
  }

  @Override
  int port() {
    return tomcat.getConnector().getLocalPort();
  }

  @Override
  int headerTooLargeStatus() {
    return 400;
  }

  @Override
  int encodedDotSegmentStatus() {
    return 401;
  }

  @Override
  boolean failedContextFailsStart() {
    return false;
  }

  @Override
  public void close() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }
}
