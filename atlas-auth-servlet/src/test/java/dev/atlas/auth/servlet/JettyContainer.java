package dev.atlas.auth.servlet;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/** Embedded Jetty 12; the environment (ee10, ee11) supplies the context handlers. */
final class JettyContainer extends Container {
  private final String name;
  private final Function<App, ContextHandler> servletContext;
  private final BiFunction<String, Path, ContextHandler> webApp;
  private final Server server = new Server();
  private final ServerConnector connector;
  private final Map<String, ContextHandler> contexts = new HashMap<>();

  private JettyContainer(String name, Function<App, ContextHandler> servletContext, BiFunction<String, Path, ContextHandler> webApp) {
    this.name = name;
    this.servletContext = servletContext;
    this.webApp = webApp;
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(HEADER_LIMIT_BYTES);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
  }

  static JettyContainer ee10() {
    return new JettyContainer("Jetty 12 ee10", JettyContainer::ee10Context, JettyContainer::ee10WebApp);
  }

  static JettyContainer ee11() {
    return new JettyContainer("Jetty 12 ee11", JettyContainer::ee11Context, JettyContainer::ee11WebApp);
  }

  private static ContextHandler ee10Context(App app) {
    var ctx = new org.eclipse.jetty.ee10.servlet.ServletContextHandler(root(app.contextPath()));
    ctx.addServletContainerInitializer(app.setup());
    var errors = new org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler();
    errors.addErrorPage(500, ERROR_PAGE);
    ctx.setErrorHandler(errors);
    return ctx;
  }

  private static ContextHandler ee11Context(App app) {
    var ctx = new org.eclipse.jetty.ee11.servlet.ServletContextHandler(root(app.contextPath()));
    ctx.addServletContainerInitializer(app.setup());
    var errors = new org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler();
    errors.addErrorPage(500, ERROR_PAGE);
    ctx.setErrorHandler(errors);
    return ctx;
  }

  private static ContextHandler ee10WebApp(String contextPath, Path war) {
    var ctx = new org.eclipse.jetty.ee10.webapp.WebAppContext();
    ctx.setContextPath(root(contextPath));
    ctx.setWar(war.toString());
    return ctx;
  }

  private static ContextHandler ee11WebApp(String contextPath, Path war) {
    var ctx = new org.eclipse.jetty.ee11.webapp.WebAppContext();
    ctx.setContextPath(root(contextPath));
    ctx.setWar(war.toString());
    return ctx;
  }

  @Override
  String name() {
    return name;
  }

  @Override
  void start(List<App> apps) throws Exception {
    ContextHandlerCollection all = new ContextHandlerCollection();
    for (App app : apps) {
      ContextHandler ctx = servletContext.apply(app);
      all.addHandler(ctx);
      contexts.put(app.contextPath(), ctx);
    }
    server.setHandler(all);
    server.start();
  }

  @Override
  void startWars(Map<String, Path> wars) throws Exception {
    ContextHandlerCollection all = new ContextHandlerCollection();
    for (Map.Entry<String, Path> war : wars.entrySet()) {
      ContextHandler ctx = webApp.apply(war.getKey(), war.getValue());
      all.addHandler(ctx);
      contexts.put(war.getKey(), ctx);
    }
    server.setHandler(all);
    server.start();
  }

  @Override
  boolean available(String contextPath) {
    ContextHandler ctx = contexts.get(contextPath);
    return ctx.isStarted() && ctx.isAvailable();
  }

  @Override
  int port() {
    return connector.getLocalPort();
  }

  @Override
  int headerTooLargeStatus() {
    return 431;
  }

  @Override
  int encodedDotSegmentStatus() {
    return 400;
  }

  @Override
  boolean failedContextFailsStart() {
    return true;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
