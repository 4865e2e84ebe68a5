package dev.atlas.spawn;

import dev.atlas.auth.Token;
import java.util.Objects;
import java.util.Optional;

/**
 * The credential minted for one pod, returned once by {@link ComputeSpawner#spawn}. Holds the raw
 * bearer token (hand it to the one user the pod serves) and, for {@link AuthScheme#SIGNED_URL}, the
 * signing secret (server side only). Never stored by the spawner: keep {@link #hash()} if you need
 * to recognise the token later. {@link #toString()} is redacted and there is no {@code equals}.
 */
public final class ComputeAuth {
  private final AuthScheme scheme;
  private final String token;
  private final String hash;
  private final String signingSecret;

  private ComputeAuth(AuthScheme scheme, String token, String signingSecret) {
    this.scheme = scheme;
    this.token = token;
    this.hash = Token.hash(token);
    this.signingSecret = signingSecret;
  }

  /** Bearer credentials around a raw token. */
  public static ComputeAuth bearer(String token) {
    Objects.requireNonNull(token, "token");
    return new ComputeAuth(AuthScheme.BEARER, token, null);
  }

  /** Bearer credentials plus the signing secret for signed URLs. */
  public static ComputeAuth signedUrl(String token, String signingSecret) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(signingSecret, "signingSecret");
    return new ComputeAuth(AuthScheme.SIGNED_URL, token, signingSecret);
  }

  /** {@link AuthScheme#BEARER} or {@link AuthScheme#SIGNED_URL}. */
  public AuthScheme scheme() {
    return scheme;
  }

  /**
   * The raw bearer token (43 base64url characters) the pod accepts as {@code Authorization: Bearer
   * <token>}. A secret: give it to the pod's one user, never log or store it.
   */
  public String token() {
    return token;
  }

  /** The {@code Authorization} header value: {@code Bearer <token>}. A secret, as the token. */
  public String headerValue() {
    return "Bearer " + token;
  }

  /** The lowercase hex SHA-256 of the token: safe to store, check with {@code Token.valid}. */
  public String hash() {
    return hash;
  }

  /**
   * The HMAC secret the pod verifies signed URLs with ({@link AuthScheme#SIGNED_URL} only). Use it
   * on the server to sign URLs; it must never reach a browser, a log or a store: whoever holds it
   * can sign any URL for this pod.
   *
   * @throws IllegalStateException if the scheme is not {@link AuthScheme#SIGNED_URL}
   */
  public String signingSecretNeverForBrowsers() {
    if (signingSecret == null) {
      throw new IllegalStateException("no signing secret: auth scheme is " + scheme);
    }
    return signingSecret;
  }

  /** Whether a signing secret is present. */
  public boolean hasSigningSecret() {
    return signingSecret != null;
  }

  /** The signing secret, if any, for code that handles both schemes. Same rules as above. */
  Optional<String> signingSecret() {
    return Optional.ofNullable(signingSecret);
  }

  @Override
  public String toString() {
    return "ComputeAuth[" + scheme + ", <redacted>]";
  }
}
