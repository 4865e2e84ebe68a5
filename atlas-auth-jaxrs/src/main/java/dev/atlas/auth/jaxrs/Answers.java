package dev.atlas.auth.jaxrs;

import dev.atlas.auth.http.BearerPolicy;
import dev.atlas.auth.http.Decision;
import dev.atlas.auth.http.Header;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Renders the decision into JAX-RS responses: a refusal or a preflight answer with an empty body,
 * the decision's headers and the CORS headers for the request's origin.
 */
final class Answers {
  static final String ORIGIN = "Origin";

  private final BearerPolicy policy;

  Answers(BearerPolicy policy) {
    this.policy = policy;
  }

  /** The response that ends a refused request: its headers, the CORS headers, no body. */
  Response refusal(Decision.Refuse r, String origin) {
    Response.ResponseBuilder b = Response.status(r.status());
    add(b, r.headers());
    add(b, policy.corsHeaders(origin));
    return b.build();
  }

  /** The answer to a preflight; its headers already are the CORS headers. */
  static Response preflight(Decision.Preflight p) {
    Response.ResponseBuilder b = Response.status(p.status());
    add(b, p.headers());
    return b.build();
  }

  private static void add(Response.ResponseBuilder b, List<Header> headers) {
    for (int i = 0; i < headers.size(); i++) {
      Header h = headers.get(i);
      b.header(h.name(), h.value());
    }
  }

  /**
   * Turns whatever the runtime produced for a refused request (a 404 or 405 from matching, an
   * error) into the refusal, dropping every header and the body so nothing about the path leaks.
   */
  void replace(ContainerResponseContext response, Decision.Refuse r, String origin) {
    response.setEntity(null);
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.clear();
    response.setStatus(r.status());
    add(headers, r.headers());
    add(headers, policy.corsHeaders(origin));
  }

  /** Adds the decision's and the CORS headers to an application's response. */
  void decorate(ContainerResponseContext response, List<Header> decisionHeaders, String origin) {
    MultivaluedMap<String, Object> headers = response.getHeaders();
    add(headers, decisionHeaders);
    add(headers, policy.corsHeaders(origin));
  }

  private static void add(MultivaluedMap<String, Object> headers, List<Header> extra) {
    for (int i = 0; i < extra.size(); i++) {
      Header h = extra.get(i);
      headers.add(h.name(), h.value());
    }
  }
}
