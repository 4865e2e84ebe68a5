package dev.atlas.auth.servlet;

import dev.atlas.auth.PresharedKey;
import dev.atlas.auth.Token;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/** The applications the tests deploy, set up through the standard ServletContext API only. */
final class TestApps {
  static final String K = Token.mint().token();
  static final String PREVIOUS = Token.mint().token();
  static final String SIGNING_ENV = "ATLAS_SIGNING_SECRET";
  static final String SECRET = "test-signing-secret-" + Token.mint().token();
  static final Map<String, String> ENV = Map.of(
      PresharedKey.ENV, K, PresharedKey.PREVIOUS_ENV, PREVIOUS, SIGNING_ENV, SECRET);

  private TestApps() {}

  /** The app: the filter registered with {@code params}, then the servlets. */
  static ServletContainerInitializer app(Map<String, String> params, Function<String, String> env) {
    return (classes, ctx) -> {
      FilterRegistration.Dynamic r = BearerAuthFilter.register(ctx, BearerAuthFilter.withEnvironment(env));
      params.forEach(r::setInitParameter);
      servlets(ctx);
    };
  }

  /** The app with {@code filter} registered (not necessarily initialised by us). */
  static ServletContainerInitializer app(jakarta.servlet.Filter filter) {
    return (classes, ctx) -> {
      FilterRegistration.Dynamic r = ctx.addFilter("under-test", filter);
      r.setAsyncSupported(true);
      r.addMappingForUrlPatterns(BearerAuthFilter.dispatcherTypes(), true, "/*");
      servlets(ctx);
    };
  }

  /**
   * Echo on {@code /} (servlet path = whole path) and {@code /api/*} (servlet path + path info),
   * echo on {@code /health} and {@code /metrics/*}, an async servlet that dispatches to {@code
   * /api/echo}, one that fails with 500 (error page {@code /error}), one that reads the whole body.
   */
  static void servlets(ServletContext ctx) {
    add(ctx, "echo", new EchoServlet(), "/", "/api/*", "/health", "/metrics/*");
    add(ctx, "async", new AsyncDispatchServlet(), "/async");
    add(ctx, "fail", new FailServlet(), "/fail");
    add(ctx, "upload", new UploadServlet(), "/upload");
  }

  private static void add(ServletContext ctx, String name, HttpServlet servlet, String... patterns) {
    ServletRegistration.Dynamic r = ctx.addServlet(name, servlet);
    r.setAsyncSupported(true);
    r.addMapping(patterns);
  }

  /** Starts async processing and dispatches to {@code /api/echo}: an ASYNC re-dispatch. */
  static final class AsyncDispatchServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext async = req.startAsync();
      async.dispatch("/api/echo");
    }
  }

  /** Fails with 500, which the container renders through the error page: an ERROR dispatch. */
  static final class FailServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.sendError(500);
    }
  }

  /** Reads the whole body before answering, as an upload handler would. */
  static final class UploadServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      int length = req.getInputStream().readAllBytes().length;
      resp.setContentType("text/plain");
      resp.getWriter().print("read " + length);
    }
  }
}
