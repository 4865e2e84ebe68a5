package dev.atlas.auth.servlet;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.TreeSet;

/**
 * Answers every method with what the application sees of the request: who it is, how it was
 * dispatched, and which filters the context has. HEAD is HttpServlet's, derived from GET. Depends
 * on nothing but the servlet API, so a test war can carry it in WEB-INF/classes.
 */
public final class EchoServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Every method but HEAD; HEAD goes through HttpServlet, which derives it from GET. */
  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
    if (req.getMethod().equals("HEAD")) {
      super.service(req, resp);
    } else {
      echo(req, resp);
    }
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    echo(req, resp);
  }

  private void echo(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Principal p = req.getUserPrincipal();
    String pathInfo = req.getPathInfo();
    String text = "method=" + req.getMethod()
        + "\ndispatch=" + req.getDispatcherType()
        + "\nprincipal=" + (p == null ? "none" : p.getName())
        + "\nauthType=" + req.getAuthType()
        + "\nremoteUser=" + req.getRemoteUser()
        + "\ninRole=" + req.isUserInRole("admin")
        + "\npath=" + req.getServletPath() + (pathInfo == null ? "" : pathInfo)
        + "\nfilters=" + new TreeSet<>(getServletContext().getFilterRegistrations().keySet())
        + "\n";
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    resp.setContentType("text/plain;charset=UTF-8");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
