package dev.atlas.auth;

import java.util.Map;

/**
 * A freshly minted token with its hash, as upstream's {@code mint()} map. The raw token is readable
 * through {@link #token()} (hand it to the one caller who needs it); {@link #toString()} never shows
 * it, and there is no {@code equals}: compare hashes with {@link Token#valid}.
 */
public final class MintedToken {
  /** The environment variable that carries the raw token into the pod. */
  public static final String ENV_VAR = "ATLAS_PRESHARED_KEY";

  private final String token;
  private final String hash;

  MintedToken(String token, String hash) {
    this.token = token;
    this.hash = hash;
  }

  /** The raw token: 43 base64url characters. A secret: never log it. */
  public String token() {
    return token;
  }

  /** The lowercase hex SHA-256 of the token: safe to store. */
  public String hash() {
    return hash;
  }

  /** The full header line, as upstream: {@code Authorization: Bearer <token>}. */
  public String header() {
    return "Authorization: " + headerValue();
  }

  /** The value of the {@code Authorization} header: {@code Bearer <token>}. */
  public String headerValue() {
    return "Bearer " + token;
  }

  /** The one-entry environment for the pod: {@code ATLAS_PRESHARED_KEY=<token>}. */
  public Map<String, String> env() {
    return Map.of(ENV_VAR, token);
  }

  @Override
  public String toString() {
    return "MintedToken[<redacted>]";
  }
}
