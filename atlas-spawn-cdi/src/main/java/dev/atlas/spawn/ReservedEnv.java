package dev.atlas.spawn;

import dev.atlas.auth.MintedToken;
import java.util.Locale;
import java.util.Set;

/**
 * Environment variables the spawner injects into every pod. A request may not set them, neither in
 * its env nor through a provider option, so a caller can never drop or replace the injected
 * credential.
 */
public final class ReservedEnv {
  /** The raw bearer token the pod checks {@code Authorization: Bearer} against. */
  public static final String PRESHARED_KEY = MintedToken.ENV_VAR;
  /** The HMAC secret the pod verifies signed URLs with. */
  public static final String SIGNING_SECRET = "ATLAS_SIGNING_SECRET";
  /** A non-secret id unique to one spawn, for reconciling an ambiguous create. */
  public static final String LAUNCH_ID = "ATLAS_LAUNCH_ID";

  /** Every reserved name. */
  public static final Set<String> NAMES = Set.of(PRESHARED_KEY, SIGNING_SECRET, LAUNCH_ID);

  private ReservedEnv() {}

  /**
   * Whether {@code name} is reserved, compared case-insensitively: a provider or shell that folds
   * case must not be able to shadow the injected variable.
   */
  public static boolean isReserved(String name) {
    return NAMES.contains(name.toUpperCase(Locale.ROOT));
  }
}
