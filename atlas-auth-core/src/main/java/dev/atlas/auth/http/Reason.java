package dev.atlas.auth.http;

/** Why the decision came out as it did: a code safe to log, never request data. */
public enum Reason {
  /** A bearer token equal to the current key. */
  BEARER_TOKEN,
  /** A bearer token equal to the previous key, during a rotation. */
  PREVIOUS_BEARER_TOKEN,
  /** A valid signed URL on GET or HEAD. */
  SIGNED_URL,
  /** A CORS preflight, passed on to the application's CORS layer. */
  PREFLIGHT,
  /** A CORS preflight from an allowed origin, answered here. */
  PREFLIGHT_ANSWERED,
  /** A path excluded from authentication. */
  EXCLUDED_PATH,
  /** No credentials at all, or a scheme other than Bearer. */
  NO_CREDENTIALS,
  /** A Bearer credential that is not a well-formed token. */
  MALFORMED_TOKEN,
  /** A well-formed token that is not the key. */
  WRONG_TOKEN,
  /** More than one Authorization field. */
  DUPLICATE_AUTHORIZATION,
  /** A signed URL past its expiry. */
  SIGNED_URL_EXPIRED,
  /** A signed URL whose signature does not match, or that is malformed. */
  SIGNED_URL_INVALID,
  /** A signed URL that repeats {@code exp} or {@code sig}. */
  SIGNED_URL_DUPLICATE_PARAMETER,
  /** A signed URL on a method other than GET or HEAD. */
  SIGNED_URL_METHOD,
  /** A CORS preflight from an origin or for a method that is not allowed. */
  PREFLIGHT_REFUSED,
  /** No key is configured: the pod fails closed. */
  NO_KEY
}
