package dev.atlas.auth.servlet;

import dev.atlas.auth.PresharedKey;
import dev.atlas.auth.http.AuthRequest;
import dev.atlas.auth.http.BearerPolicy;
import dev.atlas.auth.http.BearerPrincipal;
import dev.atlas.auth.http.BearerSettings;
import dev.atlas.auth.http.Decision;
import dev.atlas.auth.http.Header;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Bearer authentication for any Servlet 6 container: every request must carry {@code
 * Authorization: Bearer <the pod's key>}, else it is answered 401 with {@code WWW-Authenticate:
 * Bearer realm="atlas"} and an empty body (RFC 6750 §3). A thin adapter over {@link BearerPolicy},
 * which holds every rule.
 *
 * <p>Drop it in with a {@code <filter>} in {@code web.xml}, with {@link #register(ServletContext)}
 * from a {@code ServletContainerInitializer} or listener, with the Jetty helpers in {@code
 * dev.atlas.auth.servlet.jetty}, or by putting the jar in {@code WEB-INF/lib}: its {@code
 * web-fragment.xml} named {@value #FILTER_NAME} maps it on {@code /*}. Configure it with the
 * init-params below; an unknown name or an invalid value fails {@link #init}, and so does a missing
 * key, so the application does not start without one.
 *
 * <p>On a {@link DispatcherType#REQUEST REQUEST} dispatch it decides; on any other dispatch (the
 * {@code ASYNC} or {@code ERROR} re-dispatch of an admitted request) it does not decide again, and
 * only gives the request back its principal. It never reads the body or the parameters. An admitted
 * request's {@code getUserPrincipal()} is a {@link BearerPrincipal}, {@code getAuthType()} is
 * {@value BearerPrincipal#AUTH_SCHEME}, and {@code isUserInRole} is false for every role.
 */
public final class BearerAuthFilter implements Filter {
  /** The name of the filter in the jar's {@code web-fragment.xml}, and of the fragment itself. */
  public static final String FILTER_NAME = "atlas_bearer";

  /** Init-param: the realm in every challenge. Default {@code atlas}. */
  public static final String REALM = BearerSettings.REALM;
  /** Init-param: the environment variable holding the key. Default {@value PresharedKey#ENV}. */
  public static final String KEY_ENV = BearerSettings.KEY_ENV;
  /**
   * Init-param: the environment variable naming a file that holds the key, read when the key
   * variable is unset. Default {@value PresharedKey#FILE_ENV}.
   */
  public static final String KEY_FILE_ENV = BearerSettings.KEY_FILE_ENV;
  /**
   * Init-param: the environment variable holding the previous key, accepted too during a rotation.
   * Default {@value PresharedKey#PREVIOUS_ENV}.
   */
  public static final String PREVIOUS_KEY_ENV = BearerSettings.PREVIOUS_KEY_ENV;
  /**
   * Init-param: comma-separated paths that skip authentication, exact ({@code /health}) or prefixes
   * ({@code /metrics/*}), matched case-sensitively on {@code servletPath + pathInfo}. Default none.
   */
  public static final String EXCLUDE_PATHS = BearerSettings.EXCLUDE_PATHS;
  /**
   * Init-param: {@code true} or {@code false}, whether a real CORS preflight (OPTIONS with {@code
   * Origin} and {@code Access-Control-Request-Method}) passes on to the application's CORS layer.
   * Default {@code true}.
   */
  public static final String ALLOW_PREFLIGHT = BearerSettings.ALLOW_PREFLIGHT;
  /**
   * Init-param: comma-separated origins ({@code https://app.example.com}) whose preflights this
   * filter answers itself, with CORS headers on every response, a 401 included. Default none.
   */
  public static final String CORS_ALLOWED_ORIGINS = BearerSettings.CORS_ALLOWED_ORIGINS;
  /**
   * Init-param: the environment variable holding the secret that signs URLs; when set, GET and HEAD
   * requests with a valid {@code exp} and {@code sig} are admitted. Default: signed URLs refused.
   */
  public static final String SIGNING_SECRET_ENV = BearerSettings.SIGNING_SECRET_ENV;
  /** Init-param: the longest token looked at, 43 to 8192. Default 512. */
  public static final String MAX_TOKEN_LENGTH = BearerSettings.MAX_TOKEN_LENGTH;
  /** Init-param: seconds a signed URL is still accepted past its {@code exp}, for clock skew. Default 0. */
  public static final String SIGNED_URL_LEEWAY_SECONDS = BearerSettings.SIGNED_URL_LEEWAY_SECONDS;
  /**
   * Init-param: the furthest in the future, in seconds, a signed URL's {@code exp} may lie; one
   * signed for longer is refused as expired. Default: no cap.
   */
  public static final String SIGNED_URL_MAX_LIFETIME_SECONDS = BearerSettings.SIGNED_URL_MAX_LIFETIME_SECONDS;

  private static final System.Logger LOG = System.getLogger(BearerAuthFilter.class.getName());
  private static final String AUTHORIZATION = "Authorization";
  private static final String ORIGIN = "Origin";
  private static final String REQUEST_METHOD = "Access-Control-Request-Method";
  private static final String PRINCIPAL_ATTRIBUTE = BearerAuthFilter.class.getName() + ".principal";
  /** What answers when no policy is active (before init, after destroy): 503 to everything. */
  private static final BearerPolicy FAIL_CLOSED = BearerPolicy.builder().withoutKey().allowPreflight(false).build();

  private final BearerPolicy given; // null: built from init-params in init
  private final Function<String, String> env;
  private volatile BearerPolicy policy; // null outside init..destroy
  private volatile String name = FILTER_NAME;

  /** The filter a container instantiates: configured by init-params, reading the process environment. */
  public BearerAuthFilter() {
    this(null, System::getenv);
  }

  private BearerAuthFilter(BearerPolicy given, Function<String, String> env) {
    this.given = given;
    this.env = env;
  }

  /** A filter enforcing {@code policy}; it accepts no init-params. */
  public static BearerAuthFilter of(BearerPolicy policy) {
    return new BearerAuthFilter(Objects.requireNonNull(policy, "policy"), null);
  }

  /**
   * A filter configured by init-params that reads the key (and signing secret) from {@code env}
   * rather than from the process environment: for embedding, and for tests.
   */
  public static BearerAuthFilter withEnvironment(Function<String, String> env) {
    return new BearerAuthFilter(null, Objects.requireNonNull(env, "env"));
  }

  /** The dispatcher types the filter should be mapped for: REQUEST, ASYNC and ERROR. */
  public static EnumSet<DispatcherType> dispatcherTypes() {
    return EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
  }

  /** {@link #register(ServletContext, BearerAuthFilter)} with a filter reading the process environment. */
  public static FilterRegistration.Dynamic register(ServletContext context) {
    return register(context, new BearerAuthFilter());
  }

  /**
   * Adds {@code filter} to {@code context} as {@value #FILTER_NAME}, async-supported, on {@code /*}
   * for {@link #dispatcherTypes()}, after the filters {@code web.xml} maps (so a CORS filter there
   * runs first). Call it while the context starts (a {@code ServletContainerInitializer} or {@code
   * ServletContextListener}); set init-params on the returned registration.
   *
   * @throws IllegalStateException if a filter named {@value #FILTER_NAME} is already registered,
   *     e.g. by {@code web.xml} or this jar's {@code web-fragment.xml}
   */
  public static FilterRegistration.Dynamic register(ServletContext context, BearerAuthFilter filter) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(filter, "filter");
    FilterRegistration.Dynamic registration = context.addFilter(FILTER_NAME, filter);
    if (registration == null) {
      throw new IllegalStateException("a filter named " + FILTER_NAME + " is already registered in context '"
          + context.getContextPath() + "' (by web.xml or this jar's web-fragment.xml): configure that one"
          + " with init-params, or leave the fragment out with <absolute-ordering>");
    }
    registration.setAsyncSupported(true);
    registration.addMappingForUrlPatterns(dispatcherTypes(), true, "/*");
    return registration;
  }

  /**
   * Builds the policy from the init-params.
   *
   * @throws ServletException naming the init-param that is unknown or invalid, or saying which
   *     environment variable to set when there is no usable key; the application must not start
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    name = config.getFilterName();
    Map<String, String> params = new HashMap<>();
    for (Enumeration<String> names = config.getInitParameterNames(); names.hasMoreElements(); ) {
      String param = names.nextElement();
      params.put(param, config.getInitParameter(param));
    }
    if (given != null) {
      if (!params.isEmpty()) {
        throw new ServletException("filter " + name + " was built from a BearerPolicy and takes no init-params, got "
            + new TreeSet<>(params.keySet()));
      }
      policy = given;
      LOG.log(Level.INFO, "filter {0} active: {1}", name, given);
      return;
    }
    try {
      policy = BearerSettings.toPolicy(params, env);
    } catch (IllegalArgumentException e) {
      throw new ServletException("filter " + name + " has an invalid init-param: " + e.getMessage());
    } catch (IllegalStateException e) {
      throw new ServletException("filter " + name + " cannot start: " + e.getMessage());
    }
    LOG.log(Level.INFO, "filter {0} active: {1}, excludePaths=[{2}]",
        name, policy, params.getOrDefault(EXCLUDE_PATHS, ""));
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
      throw new ServletException("filter " + name + " handles HTTP requests only");
    }
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    if (request.getDispatcherType() != DispatcherType.REQUEST) {
      chain.doFilter(withPrincipalKept(request), response);
      return;
    }
    BearerPolicy active = policy;
    if (active == null) {
      active = FAIL_CLOSED;
    }
    String origin = request.getHeader(ORIGIN);
    Decision decision = active.decide(new AuthRequest(request.getMethod(), authorization(request), origin,
        request.getHeader(REQUEST_METHOD), path(request), request.getRequestURI(), request.getQueryString()));
    if (decision instanceof Decision.Preflight) {
      // A preflight answer carries its own complete CORS headers; adding the response set too
      // would repeat Access-Control-Allow-Origin, which browsers reject.
      addHeaders(response, decision.headers());
      response.setStatus(((Decision.Preflight) decision).status()); // 204: no body, no length
      return;
    }
    addHeaders(response, active.corsHeaders(origin));
    addHeaders(response, decision.headers());
    if (decision instanceof Decision.Allow) {
      BearerPrincipal principal = ((Decision.Allow) decision).principal();
      request.setAttribute(PRINCIPAL_ATTRIBUTE, principal);
      chain.doFilter(new BearerRequest(request, principal), response);
    } else if (decision instanceof Decision.Pass) {
      chain.doFilter(request, response);
    } else {
      response.setStatus(((Decision.Refuse) decision).status());
      response.setContentLength(0);
    }
  }

  @Override
  public void destroy() {
    policy = null;
    LOG.log(Level.INFO, "filter {0} stopped", name);
  }

  /** Every {@code Authorization} field, in order, without copying in the usual case of one or none. */
  private static List<String> authorization(HttpServletRequest request) {
    Enumeration<String> fields = request.getHeaders(AUTHORIZATION);
    if (fields == null || !fields.hasMoreElements()) {
      return List.of();
    }
    String first = fields.nextElement();
    if (!fields.hasMoreElements()) {
      return Collections.singletonList(first);
    }
    List<String> all = new ArrayList<>();
    all.add(first);
    while (fields.hasMoreElements()) {
      all.add(fields.nextElement());
    }
    return all;
  }

  /** The decoded, container-normalised path inside the application. */
  private static String path(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    return pathInfo == null ? servletPath : servletPath + pathInfo;
  }

  private static void addHeaders(HttpServletResponse response, List<Header> headers) {
    for (int i = 0; i < headers.size(); i++) {
      Header h = headers.get(i);
      response.addHeader(h.name(), h.value());
    }
  }

  /** On a re-dispatch of an admitted request whose wrapper is gone, the principal it was admitted as. */
  private static HttpServletRequest withPrincipalKept(HttpServletRequest request) {
    Object principal = request.getAttribute(PRINCIPAL_ATTRIBUTE);
    if (principal instanceof BearerPrincipal && request.getUserPrincipal() == null) {
      return new BearerRequest(request, (BearerPrincipal) principal);
    }
    return request;
  }

  @Override
  public String toString() {
    BearerPolicy active = policy;
    return "BearerAuthFilter[" + name + ", " + (active == null ? "inactive" : active.toString()) + "]";
  }
}
