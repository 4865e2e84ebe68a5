package dev.atlas.auth.servlet;

import dev.atlas.auth.http.BearerPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** An admitted request: its user is the bearer principal, who holds no roles. */
final class BearerRequest extends HttpServletRequestWrapper {
  private final BearerPrincipal principal;

  BearerRequest(HttpServletRequest request, BearerPrincipal principal) {
    super(request);
    this.principal = principal;
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public String getAuthType() {
    return BearerPrincipal.AUTH_SCHEME;
  }

  @Override
  public String getRemoteUser() {
    return principal.getName();
  }

  /** The bearer key proves possession of the pod, not a role: false for every role. */
  @Override
  public boolean isUserInRole(String role) {
    return false;
  }
}
