package dev.atlas.auth.jaxrs;

import dev.atlas.auth.http.BearerPrincipal;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The security context of an admitted request: the bearer principal, scheme {@code "Bearer"}, no
 * roles (a preshared key grants no scopes), and the transport's {@code isSecure()} kept as it was.
 */
final class BearerSecurityContext implements SecurityContext {
  private final BearerPrincipal principal;
  private final boolean secure;

  BearerSecurityContext(BearerPrincipal principal, boolean secure) {
    this.principal = principal;
    this.secure = secure;
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public boolean isUserInRole(String role) {
    return false;
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return BearerPrincipal.AUTH_SCHEME;
  }

  @Override
  public String toString() {
    return "BearerSecurityContext[" + principal.getName() + ", secure=" + secure + "]";
  }
}
