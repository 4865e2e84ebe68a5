package dev.atlas.auth.http;

import java.util.List;
import java.util.Objects;

/**
 * The parts of a request the decision reads; an adapter builds one from its container's request.
 * Nothing here comes from the body or from decoded parameters.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param authorization every {@code Authorization} field value, in order; empty when none
 * @param origin the {@code Origin} header, or null
 * @param accessControlRequestMethod the {@code Access-Control-Request-Method} header, or null
 * @param path the decoded, container-normalised path within the application, e.g. servlet path
 *     plus path info; used to match excluded paths
 * @param rawPath the path exactly as it arrived, not decoded ({@code getRequestURI()}); used to
 *     verify a signed URL
 * @param rawQuery the query exactly as it arrived, without {@code ?}, or null
 */
public record AuthRequest(
    String method,
    List<String> authorization,
    String origin,
    String accessControlRequestMethod,
    String path,
    String rawPath,
    String rawQuery) {
  public AuthRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(authorization, "authorization");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rawPath, "rawPath");
  }
}
