package dev.atlas.auth;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URI split into its five parts by the RFC 3986 appendix B expression, without validation:
 * whatever a caller passed survives (spaces included). Absent parts are null; an empty query
 * ({@code ?} with nothing after it) is the empty string.
 */
record UriParts(String scheme, String authority, String path, String query, String fragment) {
  private static final Pattern RFC3986 =
      Pattern.compile("^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?", Pattern.DOTALL);

  static UriParts parse(String uri) {
    Matcher m = RFC3986.matcher(uri);
    if (!m.matches()) {
      throw new AssertionError("the RFC 3986 expression matches every string");
    }
    return new UriParts(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
  }

  /** The path as it appears, or {@code "/"} when the URI has none: the signed path. */
  String signedPath() {
    return path.isEmpty() ? "/" : path;
  }

  /** This URI with {@code newQuery} in place of its query. */
  String withQuery(String newQuery) {
    StringBuilder out = new StringBuilder();
    if (scheme != null) {
      out.append(scheme).append(':');
    }
    if (authority != null) {
      out.append("//").append(authority);
    }
    out.append(path).append('?').append(newQuery);
    if (fragment != null) {
      out.append('#').append(fragment);
    }
    return out.toString();
  }
}
