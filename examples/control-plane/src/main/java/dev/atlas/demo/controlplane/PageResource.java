package dev.atlas.demo.controlplane;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The demo page and its two static files, with a strict Content-Security-Policy. */
@Path("/")
@RequestScoped
public class PageResource {
  /** Scripts and styles from this origin only; fetch() to this origin and to local pods. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self' http://127.0.0.1:* http://localhost:*; base-uri 'none'; form-action 'none';"
      + " frame-ancestors 'none'";

  private static final Map<String, String> FILES = Map.of(
      "index.html", "text/html; charset=utf-8",
      "app.js", "text/javascript; charset=utf-8",
      "app.css", "text/css; charset=utf-8");

  @GET
  public Response index() {
    return file("index.html");
  }

  @GET
  @Path("{file}")
  public Response file(@PathParam("file") String name) {
    String type = FILES.get(name);
    if (type == null) {
      throw new NotFoundException();
    }
    try (InputStream in = PageResource.class.getResourceAsStream("web/" + name)) {
      if (in == null) {
        throw new NotFoundException();
      }
      return Response.ok(in.readAllBytes(), type)
          .header("Content-Security-Policy", CSP)
          .header("X-Content-Type-Options", "nosniff")
          .header("Referrer-Policy", "no-referrer")
          .header("Cache-Control", "no-cache")
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
