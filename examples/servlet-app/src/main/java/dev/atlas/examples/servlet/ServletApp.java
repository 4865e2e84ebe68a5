package dev.atlas.examples.servlet;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Set;

/**
 * The example application, set up through the standard ServletContext API so that it runs
 * unchanged on every container: {@code /api/echo} (protected) and {@code /health} (excluded).
 */
final class ServletApp implements ServletContainerInitializer {
  /** The paths the filter lets through without a key. */
  static final String EXCLUDED = "/health";

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
    add(ctx, "echo", new Echo(), "/api/echo");
    add(ctx, "health", new Health(), "/health");
  }

  private static void add(ServletContext ctx, String name, HttpServlet servlet, String pattern) {
    ServletRegistration.Dynamic r = ctx.addServlet(name, servlet);
    r.setAsyncSupported(true);
    r.addMapping(pattern);
  }

  /** GET says who is asking; POST echoes the body back. */
  static final class Echo extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Principal who = req.getUserPrincipal();
      write(resp, "echo " + req.getMethod() + " " + req.getRequestURI() + " as " + (who == null ? "anonymous" : who.getName()) + "\n");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      byte[] body = req.getInputStream().readAllBytes();
      resp.setContentType(req.getContentType() == null ? "application/octet-stream" : req.getContentType());
      resp.setContentLength(body.length);
      resp.getOutputStream().write(body);
    }
  }

  /** Liveness for the orchestrator: no key needed. */
  static final class Health extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      write(resp, "ok\n");
    }
  }

  static void write(HttpServletResponse resp, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    resp.setContentType("text/plain;charset=UTF-8");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
