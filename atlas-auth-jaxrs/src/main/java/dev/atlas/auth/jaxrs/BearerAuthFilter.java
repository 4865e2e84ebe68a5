package dev.atlas.auth.jaxrs;

import dev.atlas.auth.http.AuthRequest;
import dev.atlas.auth.http.BearerPolicy;
import dev.atlas.auth.http.Decision;
import dev.atlas.auth.http.Header;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;

/**
 * Bearer authentication for a JAX-RS application: a thin adapter over {@link BearerPolicy}, with
 * the servlet filter's statuses, challenges and options. Registered by {@link AtlasAuthFeature};
 * not meant to be registered on its own.
 *
 * <p>It runs before resource matching, so an unauthenticated caller learns nothing about which
 * paths exist: an unknown path answers 401 like a protected one. When the application has no
 * {@code @PermitAll} method, a refusal is answered right here. When it has some, the refusal is
 * recorded on the request instead: a post-matching guard answers it before any protected method
 * (or its entity reader) runs, lets an open method run anonymously, and this filter's response
 * side turns whatever the runtime answered for an unmatched request (404, 405, 406, 415) into
 * the refusal.
 *
 * <p>On an admitted request, the security context carries the bearer principal with scheme
 * {@code "Bearer"}; every response gets the CORS headers for an allowed origin. Never reads the
 * body or the parameters; never logs a header or the query.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthFilter implements ContainerRequestFilter, ContainerResponseFilter {
  /** Request property: the refusal awaiting the matched method (a {@link Decision.Refuse}). */
  static final String REFUSAL = BearerAuthFilter.class.getName() + ".refusal";
  /** Request property: a refused request matched an open ({@code @PermitAll}) method. */
  static final String OPEN = BearerAuthFilter.class.getName() + ".open";
  /** Request property: this adapter answered the request itself (refusal or preflight). */
  static final String ANSWERED = BearerAuthFilter.class.getName() + ".answered";
  /** Request property: headers an admitted request's response carries (e.g. {@code Cache-Control}). */
  static final String HEADERS = BearerAuthFilter.class.getName() + ".headers";

  private final BearerPolicy policy;
  private final OpenEndpoints open;
  private final Answers answers;

  BearerAuthFilter(BearerPolicy policy, OpenEndpoints open, Answers answers) {
    this.policy = policy;
    this.open = open;
    this.answers = answers;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Decision d = policy.decide(authRequest(request));
    if (d instanceof Decision.Allow) {
      Decision.Allow a = (Decision.Allow) d;
      boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
      request.setSecurityContext(new BearerSecurityContext(a.principal(), secure));
      if (!a.headers().isEmpty()) {
        request.setProperty(HEADERS, a.headers());
      }
    } else if (d instanceof Decision.Refuse) {
      Decision.Refuse r = (Decision.Refuse) d;
      if (open.any()) {
        request.setProperty(REFUSAL, r);
      } else {
        request.setProperty(ANSWERED, Boolean.TRUE);
        request.abortWith(answers.refusal(r, request.getHeaderString(Answers.ORIGIN)));
      }
    } else if (d instanceof Decision.Preflight) {
      Decision.Preflight p = (Decision.Preflight) d;
      request.setProperty(ANSWERED, Boolean.TRUE);
      request.abortWith(Answers.preflight(p));
    }
    // Decision.Pass: on to the application, anonymous and untouched.
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(ANSWERED) != null) {
      return; // the answer already carries everything
    }
    String origin = request.getHeaderString(Answers.ORIGIN);
    Object refusal = request.getProperty(REFUSAL);
    if (refusal != null && request.getProperty(OPEN) == null) {
      answers.replace(response, (Decision.Refuse) refusal, origin);
      return;
    }
    @SuppressWarnings("unchecked")
    List<Header> headers = (List<Header>) request.getProperty(HEADERS);
    answers.decorate(response, headers == null ? List.of() : headers, origin);
  }

  static AuthRequest authRequest(ContainerRequestContext request) {
    List<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    UriInfo uri = request.getUriInfo();
    URI requestUri = uri.getRequestUri();
    String path = uri.getPath(true);
    return new AuthRequest(
        request.getMethod(),
        authorization == null ? List.of() : authorization,
        request.getHeaderString(Answers.ORIGIN),
        request.getHeaderString("Access-Control-Request-Method"),
        path.startsWith("/") ? path : "/" + path,
        requestUri.getRawPath() == null ? "/" : requestUri.getRawPath(),
        requestUri.getRawQuery());
  }

  @Override
  public String toString() {
    return "BearerAuthFilter[" + policy + "]";
  }
}
