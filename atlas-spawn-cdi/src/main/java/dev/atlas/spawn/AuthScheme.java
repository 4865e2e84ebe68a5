package dev.atlas.spawn;

/** How a pod authenticates the callers that reach it directly. */
public enum AuthScheme {
  /** No credential is minted or injected. The pod is open to anyone who knows its URL. */
  NONE,
  /**
   * A fresh bearer token is minted and injected as {@code ATLAS_PRESHARED_KEY}; the raw token is
   * returned once in {@link Compute#auth()} and only its hash is kept.
   */
  BEARER,
  /**
   * As {@link #BEARER}, plus a signing secret injected as {@code ATLAS_SIGNING_SECRET} so the pod
   * also accepts HMAC-signed URLs (for {@code EventSource}, {@code <video src>}). The server signs
   * URLs with {@link ComputeAuth#signingSecretNeverForBrowsers()}; the secret itself must never
   * reach a browser.
   */
  SIGNED_URL
}
