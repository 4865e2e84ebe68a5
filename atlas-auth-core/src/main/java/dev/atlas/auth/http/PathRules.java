package dev.atlas.auth.http;

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
  private final String[] exact;
  private final String[] prefixes; // each without the trailing "/*", e.g. "/metrics"

  private PathRules(Set<String> exact, Set<String> prefixes) {
    this.exact = exact.toArray(String[]::new);
    this.prefixes = prefixes.toArray(String[]::new);
  }

  static PathRules none() {
    return new PathRules(Set.of(), Set.of());
  }

  /**
   * Parses rules such as {@code /health} and {@code /metrics/*}.
   *
   * @throws IllegalArgumentException naming the rule that is not an absolute, normal path
   */
  static PathRules of(List<String> rules) {
    Set<String> exact = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
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
    return new PathRules(exact, prefixes);
  }

  /**
   * Whether {@code path} is excluded. The rules are few, so a linear scan beats hashing a fresh
   * path; an exact rule is itself normal, so only a prefix match needs the path checked for dot
   * segments, empty segments and parameters.
   */
  boolean excludes(String path) {
    for (int i = 0; i < exact.length; i++) {
      if (exact[i].equals(path)) {
        return true;
      }
    }
    for (int i = 0; i < prefixes.length; i++) {
      String prefix = prefixes[i];
      if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
        return isNormal(path);
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
