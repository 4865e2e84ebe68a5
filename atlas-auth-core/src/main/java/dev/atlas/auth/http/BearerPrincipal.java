package dev.atlas.auth.http;

import java.security.Principal;

/**
 * Who an admitted request is: the holder of the pod's key, or of a signed URL. One instance per
 * kind of credential; the name is a fixed label, never a secret.
 */
public final class BearerPrincipal implements Principal {
  /** The holder of the current preshared key. */
  public static final BearerPrincipal PRESHARED_KEY = new BearerPrincipal("atlas-preshared-key");
  /** The holder of the previous preshared key, during a rotation. */
  public static final BearerPrincipal PREVIOUS_PRESHARED_KEY = new BearerPrincipal("atlas-previous-preshared-key");
  /** The holder of a valid signed URL. */
  public static final BearerPrincipal SIGNED_URL = new BearerPrincipal("atlas-signed-url");

  /** The authentication scheme adapters report ({@code getAuthType()}, {@code getAuthenticationScheme()}). */
  public static final String AUTH_SCHEME = "Bearer";

  private final String name;

  private BearerPrincipal(String name) {
    this.name = name;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public String toString() {
    return "BearerPrincipal[" + name + "]";
  }
}
