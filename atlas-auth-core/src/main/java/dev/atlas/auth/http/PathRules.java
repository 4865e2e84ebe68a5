package dev.atlas.auth.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Paths excluded from authentication: exact ({@code /health}) or a prefix ({@code /metrics/*},
 * which matches {@code /metrics} and everything below it), as servlet url-patterns and Quarkus do.
 *
 * <p>Matching is case-sensitive and only on a path that is already normal: one with a path
 * parameter ({@code ;}), an empty segment ({@code //}) or a dot segment ({@code .}, {@code ..}) is
 * never excluded. A servlet container normalises before it maps, so it hands over normal paths;
 * a JAX-RS runtime does not, and would route {@code /files/x/../../health} to {@code
 * /files/{path}} — had we resolved the dots ourselves, that request would pass as {@code /health}.
 * So {@code /health/../api}, {@code /api;x=/health}, {@code //health} or {@code /HEALTH} are
 * always authenticated.
 */
final class PathRules {
  private final Set<String> exact;
  private final List<String> prefixes; // each without the trailing "/*", e.g. "/metrics"

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
    Set<String> exact = new HashSet<>();
    List<String> prefixes = new ArrayList<>();
    for (String rule : rules) {
      if (rule.equals("/*") || rule.equals("/")) {
        throw new IllegalArgumentException("excluded path '" + rule + "' would switch authentication off everywhere");
      }
      boolean prefix = rule.endsWith("/*");
      String path = prefix ? rule.substring(0, rule.length() - 2) : rule;
      if (path.indexOf('*') >= 0 || !isNormal(path) || path.endsWith("/")) {
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
    if (isEmpty() || !isNormal(path)) {
      return false;
    }
    if (exact.contains(path)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code path} is absolute and has no path parameter, no empty segment (but a final
   * one, {@code /a/}) and no dot segment. Allocates nothing.
   */
  static boolean isNormal(String path) {
    if (!path.startsWith("/") || path.indexOf(';') >= 0) {
      return false;
    }
    int start = 1;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      int length = end - start;
      boolean last = slash < 0;
      if (length == 0 && !last
          || length == 1 && path.charAt(start) == '.'
          || length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
        return false;
      }
      start = end + 1;
    }
    return true;
  }
}
