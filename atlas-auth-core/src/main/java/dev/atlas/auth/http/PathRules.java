package dev.atlas.auth.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Paths excluded from authentication: exact ({@code /health}) or a prefix ({@code /metrics/*},
 * which matches {@code /metrics} and everything below it), as servlet url-patterns and Quarkus do.
 *
 * <p>Matching is on the normalised path, case-sensitive, with path parameters removed, so {@code
 * /health/../api}, {@code /api;x=/health}, {@code //health} or {@code /HEALTH} never reach an
 * exclusion they do not name.
 */
final class PathRules {
  private final Set<String> exact;
  private final List<String> prefixes; // each ends without '/', e.g. "/metrics"

  private PathRules(Set<String> exact, List<String> prefixes) {
    this.exact = exact;
    this.prefixes = prefixes;
  }

  static PathRules none() {
    return new PathRules(Set.of(), List.of());
  }

  /**
   * Parses rules such as {@code /health} and {@code /metrics/*}.
   *
   * @throws IllegalArgumentException naming the rule that is not an absolute, normal path
   */
  static PathRules of(List<String> rules) {
    Set<String> exact = new java.util.HashSet<>();
    List<String> prefixes = new ArrayList<>();
    for (String rule : rules) {
      boolean prefix = rule.endsWith("/*");
      String path = prefix ? rule.substring(0, rule.length() - 2) : rule;
      if (rule.equals("/*") || rule.equals("/")) {
        throw new IllegalArgumentException("excluded path '" + rule + "' would switch authentication off everywhere");
      }
      if (!rule.startsWith("/") || path.indexOf('*') >= 0 || !path.equals(normalise(path)) || path.endsWith("/")) {
        throw new IllegalArgumentException(
            "excluded path '" + rule + "' must be an absolute normal path such as /health or a prefix such as /metrics/*");
      }
      if (prefix) {
        prefixes.add(path);
      } else {
        exact.add(path);
      }
    }
    return new PathRules(Set.copyOf(exact), List.copyOf(prefixes));
  }

  boolean isEmpty() {
    return exact.isEmpty() && prefixes.isEmpty();
  }

  boolean excludes(String path) {
    if (isEmpty()) {
      return false;
    }
    String p = normalise(path);
    if (p == null) {
      return false;
    }
    if (exact.contains(p)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (p.startsWith(prefix) && (p.length() == prefix.length() || p.charAt(prefix.length()) == '/')) {
        return true;
      }
    }
    return false;
  }

  /**
   * The path with path parameters removed, empty and {@code .} segments dropped and {@code ..}
   * resolved; null when {@code ..} would climb above the root or the path is not absolute.
   * Returns the same instance, without allocating, when the path is already normal.
   */
  static String normalise(String path) {
    if (!path.startsWith("/")) {
      return path.isEmpty() ? "/" : null;
    }
    if (path.indexOf(';') < 0 && path.indexOf("//") < 0 && path.indexOf("/.") < 0) {
      return path;
    }
    List<String> out = new ArrayList<>();
    for (String segment : path.substring(1).split("/", -1)) {
      int semi = segment.indexOf(';');
      String s = semi >= 0 ? segment.substring(0, semi) : segment;
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (out.isEmpty()) {
          return null;
        }
        out.remove(out.size() - 1);
      } else {
        out.add(s);
      }
    }
    return "/" + String.join("/", out);
  }
}
