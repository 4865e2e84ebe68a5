package dev.atlas.auth.http;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CORS for the browser that talks to a pod from the control plane's origin: answers preflights for
 * the allowed origins (allowing the {@code Authorization} header) and puts the CORS headers on every
 * response, a 401 included, so the browser reports the 401 rather than a CORS error.
 */
final class Cors {
  static final String ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
  static final String ALLOW_HEADERS =
      "Authorization, Content-Type, Accept, Accept-Language, Content-Language, Cache-Control, Last-Event-ID, X-Requested-With";
  static final String MAX_AGE_SECONDS = "600";
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final Map<String, List<Header>> responseHeaders;
  private final Map<String, Decision.Preflight> preflights;

  private Cors(Map<String, List<Header>> responseHeaders, Map<String, Decision.Preflight> preflights) {
    this.responseHeaders = responseHeaders;
    this.preflights = preflights;
  }

  static Cors none() {
    return new Cors(Map.of(), Map.of());
  }

  /**
   * CORS for exactly these origins ({@code scheme://host[:port]}, as browsers send them).
   *
   * @throws IllegalArgumentException naming an origin that is not of that form
   */
  static Cors of(List<String> origins) {
    Map<String, List<Header>> response = new HashMap<>();
    Map<String, Decision.Preflight> preflight = new HashMap<>();
    for (String origin : origins) {
      checkOrigin(origin);
      response.put(origin, List.of(
          new Header("Access-Control-Allow-Origin", origin),
          new Header("Access-Control-Expose-Headers", Challenges.WWW_AUTHENTICATE),
          new Header("Vary", "Origin")));
      preflight.put(origin, new Decision.Preflight(List.of(
          new Header("Access-Control-Allow-Origin", origin),
          new Header("Access-Control-Allow-Methods", ALLOW_METHODS),
          new Header("Access-Control-Allow-Headers", ALLOW_HEADERS),
          new Header("Access-Control-Max-Age", MAX_AGE_SECONDS),
          new Header("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"))));
    }
    return new Cors(Map.copyOf(response), Map.copyOf(preflight));
  }

  boolean enabled() {
    return !responseHeaders.isEmpty();
  }

  /** The headers for a response to {@code origin}; empty when it is not allowed or absent. */
  List<Header> responseHeaders(String origin) {
    if (origin == null) {
      return List.of();
    }
    List<Header> headers = responseHeaders.get(origin);
    return headers == null ? List.of() : headers;
  }

  /** The answer to a preflight, or null when the origin or the method is not allowed. */
  Decision.Preflight preflight(String origin, String requestMethod) {
    Decision.Preflight p = preflights.get(origin);
    return p != null && METHODS.contains(requestMethod) ? p : null;
  }

  private static void checkOrigin(String origin) {
    String problem = null;
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        problem = "its scheme must be http or https";
      } else if (uri.getHost() == null || uri.getRawUserInfo() != null) {
        problem = "it must name a host";
      } else if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        problem = "it must not have a path, query or fragment";
      } else if (!origin.equals(origin.toLowerCase(Locale.ROOT))) {
        problem = "browsers send origins in lower case";
      }
    } catch (java.net.URISyntaxException e) {
      problem = "it is not a URI";
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          "CORS origin '" + origin + "' is invalid: " + problem + " (expected e.g. https://app.example.com:8443)");
    }
  }
}
