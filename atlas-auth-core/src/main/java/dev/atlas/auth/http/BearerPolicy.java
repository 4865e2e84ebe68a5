package dev.atlas.auth.http;

import dev.atlas.auth.BearerSyntax;
import dev.atlas.auth.PresharedKey;
import dev.atlas.auth.SignedUrl;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The one HTTP authentication decision, shared by every adapter: parses {@code Authorization},
 * decides, and renders the {@code WWW-Authenticate} challenge (RFC 6750, RFC 9110 §11).
 *
 * <p>In order: a CORS preflight passes (or is answered, when CORS origins are configured); an
 * excluded path passes without a look at {@code Authorization}; no key configured is 503; two
 * {@code Authorization} fields are 400 {@code invalid_request}; {@code Bearer} (any case) then one
 * or more spaces then a {@code b64token} no longer than the cap is compared in constant time with
 * the key; without a Bearer credential, a signed URL (GET and HEAD only) is verified when a signing
 * secret is configured; anything else is 401 with {@code Bearer realm="..."}, plus {@code
 * error="invalid_token"} when a token was presented.
 *
 * <p>Deciding on a valid header allocates nothing: every outcome is built once, here. Immutable and
 * thread-safe.
 */
public final class BearerPolicy {
  private static final System.Logger LOG = System.getLogger(BearerPolicy.class.getName());
  private static final String SCHEME = "bearer";

  private final PresharedKey key; // null: fail closed with 503
  private final SignedUrl.Verifier signedUrls; // null: signed URLs are not accepted
  private final PathRules excluded;
  private final boolean allowPreflight;
  private final Cors cors;
  private final int maxTokenLength;
  private final String realm;

  private final Decision allowCurrent;
  private final Decision allowPrevious;
  private final Decision allowSignedUrl;
  private final Decision passPreflight = new Decision.Pass(Reason.PREFLIGHT);
  private final Decision passExcluded = new Decision.Pass(Reason.EXCLUDED_PATH);
  private final Decision noCredentials;
  private final Decision malformed;
  private final Decision wrongToken;
  private final Decision duplicateAuthorization;
  private final Decision signedUrlExpired;
  private final Decision signedUrlInvalid;
  private final Decision signedUrlDuplicate;
  private final Decision signedUrlMethod;
  private final Decision preflightRefused = new Decision.Refuse(403, Reason.PREFLIGHT_REFUSED, List.of());
  private final Decision noKey = new Decision.Refuse(503, Reason.NO_KEY, List.of());

  private BearerPolicy(Builder b) {
    this.key = b.key;
    this.signedUrls = b.signingSecret == null ? null : b.verifier();
    this.excluded = b.excluded;
    this.allowPreflight = b.allowPreflight;
    this.cors = b.cors;
    this.maxTokenLength = b.maxTokenLength;
    this.realm = b.realm;
    Challenges c = new Challenges(b.realm);
    allowCurrent = new Decision.Allow(BearerPrincipal.PRESHARED_KEY, Reason.BEARER_TOKEN, List.of());
    allowPrevious = new Decision.Allow(BearerPrincipal.PREVIOUS_PRESHARED_KEY, Reason.PREVIOUS_BEARER_TOKEN, List.of());
    // RFC 6750 §2.3: a response to a credential carried in the URL should not be shared by caches.
    allowSignedUrl = new Decision.Allow(
        BearerPrincipal.SIGNED_URL, Reason.SIGNED_URL, List.of(new Header("Cache-Control", "private")));
    noCredentials = refuse(401, Reason.NO_CREDENTIALS, c.none);
    malformed = refuse(401, Reason.MALFORMED_TOKEN, c.malformed);
    wrongToken = refuse(401, Reason.WRONG_TOKEN, c.wrongToken);
    duplicateAuthorization = refuse(400, Reason.DUPLICATE_AUTHORIZATION, c.duplicateAuthorization);
    signedUrlExpired = refuse(401, Reason.SIGNED_URL_EXPIRED, c.expired);
    signedUrlInvalid = refuse(401, Reason.SIGNED_URL_INVALID, c.badSignedUrl);
    signedUrlDuplicate = refuse(400, Reason.SIGNED_URL_DUPLICATE_PARAMETER, c.duplicateSignedParameter);
    signedUrlMethod = refuse(401, Reason.SIGNED_URL_METHOD, c.none);
  }

  private static Decision refuse(int status, Reason reason, String challenge) {
    return new Decision.Refuse(status, reason, List.of(new Header(Challenges.WWW_AUTHENTICATE, challenge)));
  }

  /** A builder; a key is required unless {@link Builder#withoutKey()} is chosen explicitly. */
  public static Builder builder() {
    return new Builder();
  }

  /** Decides what to do with {@code request}. */
  public Decision decide(AuthRequest request) {
    Decision d = decideQuietly(request);
    if (d instanceof Decision.Refuse && LOG.isLoggable(Level.DEBUG)) {
      // The reason code only: a path can hold CR LF (log forging) or a key a client put there.
      LOG.log(Level.DEBUG, "refused a request: {0} ({1})", d.reason(), ((Decision.Refuse) d).status());
    }
    return d;
  }

  private Decision decideQuietly(AuthRequest r) {
    if (isPreflight(r)) {
      if (cors.enabled()) {
        Decision.Preflight answer = cors.preflight(r.origin(), r.accessControlRequestMethod());
        return answer != null ? answer : preflightRefused;
      }
      if (allowPreflight) {
        return passPreflight;
      }
    }
    if (excluded.excludes(r.path())) {
      return passExcluded;
    }
    if (key == null) {
      return noKey;
    }
    List<String> fields = r.authorization();
    if (fields.size() > 1) {
      return duplicateAuthorization;
    }
    if (fields.size() == 1) {
      String value = fields.get(0);
      if (hasBearerScheme(value)) {
        return bearer(value);
      }
    }
    return signedUrlOrNothing(r);
  }

  private static boolean isPreflight(AuthRequest r) {
    return r.method().equals("OPTIONS") && r.origin() != null && r.accessControlRequestMethod() != null;
  }

  /** Whether {@code value} starts with {@code bearer} in any ASCII case (RFC 9110 §11.1). */
  private static boolean hasBearerScheme(String value) {
    if (value.length() < SCHEME.length()) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < SCHEME.length(); i++) {
      diff |= (value.charAt(i) | 0x20) ^ SCHEME.charAt(i); // 0x20 lowers A-Z; the scheme is letters only
    }
    return diff == 0;
  }

  /** {@code value} starts with the scheme: {@code 1*SP b64token} must follow. */
  private Decision bearer(String value) {
    int length = value.length();
    int start = SCHEME.length();
    if (start == length || value.charAt(start) != ' ') {
      return malformed; // "Bearer", "BearerK", "Bearer<TAB>K"
    }
    while (start < length && value.charAt(start) == ' ') {
      start++;
    }
    if (length - start > maxTokenLength) {
      return malformed;
    }
    // Compare first: a live key is a b64token (checked when it was loaded), so a match needs no
    // syntax check, and the hot path reads the token once. Only a refusal asks why.
    switch (key.match(value, start, length)) {
      case CURRENT:
        return allowCurrent;
      case PREVIOUS:
        return allowPrevious;
      default:
        return BearerSyntax.isB64Token(value, start, length) ? wrongToken : malformed;
    }
  }

  private Decision signedUrlOrNothing(AuthRequest r) {
    if (signedUrls == null || r.rawQuery() == null || r.rawQuery().isEmpty()) {
      return noCredentials;
    }
    SignedParameters p = SignedParameters.count(r.rawQuery());
    if (p.exp() == 0 && p.sig() == 0) {
      return noCredentials;
    }
    if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
      return signedUrlMethod;
    }
    if (p.exp() > 1 || p.sig() > 1) {
      return signedUrlDuplicate;
    }
    switch (signedUrls.verify(r.rawPath() + "?" + r.rawQuery())) {
      case VALID:
        return allowSignedUrl;
      case EXPIRED:
        return signedUrlExpired;
      default:
        return signedUrlInvalid;
    }
  }

  /**
   * The CORS headers for a response to a request from {@code origin}: add them to every response
   * but a {@link Decision.Preflight} answer (an {@code Allow}'s or {@code Pass}'s response from the
   * application, a {@code Refuse}), which carries its own complete set; adding both would repeat
   * {@code Access-Control-Allow-Origin}, which browsers reject. Empty when CORS is off or the
   * origin is not allowed.
   */
  public List<Header> corsHeaders(String origin) {
    return cors.responseHeaders(origin);
  }

  /** The realm in every challenge. */
  public String realm() {
    return realm;
  }

  /** Whether a key is configured; without one every protected request is answered 503. */
  public boolean hasKey() {
    return key != null;
  }

  @Override
  public String toString() {
    return "BearerPolicy[realm=" + realm + ", key=" + (key == null ? "none" : "<redacted>")
        + ", signedUrls=" + (signedUrls != null) + ", cors=" + cors.enabled() + "]";
  }

  /** Builds a {@link BearerPolicy}; every setting but the key has a secure default. */
  public static final class Builder {
    /** The default realm. */
    public static final String DEFAULT_REALM = "atlas";
    /** The default cap on a presented token's length, checked before any comparison. */
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 512;
    /** The smallest cap allowed: a minted token has 43 characters. */
    public static final int MIN_MAX_TOKEN_LENGTH = 43;
    /** The largest cap allowed. */
    public static final int MAX_MAX_TOKEN_LENGTH = 8192;
    /** The shortest signing secret accepted. */
    public static final int MIN_SIGNING_SECRET_LENGTH = 32;

    private PresharedKey key;
    private boolean keyChosen;
    private String signingSecret;
    private PathRules excluded = PathRules.none();
    private boolean allowPreflight = true;
    private boolean allowPreflightSet;
    private Cors cors = Cors.none();
    private int maxTokenLength = DEFAULT_MAX_TOKEN_LENGTH;
    private Clock clock = Clock.systemUTC();
    private Duration signedUrlLeeway = Duration.ZERO;
    private Duration signedUrlMaxLifetime;
    private String realm = DEFAULT_REALM;

    private Builder() {}

    /** The pod's key. */
    public Builder key(PresharedKey key) {
      this.key = Objects.requireNonNull(key, "key");
      this.keyChosen = true;
      return this;
    }

    /** No key: the policy fails closed, answering 503 to every protected request. */
    public Builder withoutKey() {
      this.key = null;
      this.keyChosen = true;
      return this;
    }

    /** The realm; printable ASCII without {@code "} or {@code \}. Default {@value #DEFAULT_REALM}. */
    public Builder realm(String realm) {
      Objects.requireNonNull(realm, "realm");
      if (!Challenges.isValidRealm(realm)) {
        throw new IllegalArgumentException(
            "realm must be non-empty printable ASCII without '\"' or '\\', was '" + realm + "'");
      }
      this.realm = realm;
      return this;
    }

    /** Paths that skip authentication: exact ({@code /health}) or prefixes ({@code /metrics/*}). */
    public Builder excludePaths(List<String> paths) {
      this.excluded = PathRules.of(Objects.requireNonNull(paths, "paths"));
      return this;
    }

    /** Whether a real CORS preflight passes on to the application's CORS layer. Default true. */
    public Builder allowPreflight(boolean allow) {
      this.allowPreflight = allow;
      this.allowPreflightSet = true;
      return this;
    }

    /** Origins this policy answers preflights for and puts CORS headers on responses to. */
    public Builder corsAllowedOrigins(List<String> origins) {
      this.cors = Cors.of(Objects.requireNonNull(origins, "origins"));
      return this;
    }

    /**
     * Accept upstream-compatible signed URLs on GET and HEAD, checked with this secret.
     *
     * @throws IllegalArgumentException if it is shorter than {@value #MIN_SIGNING_SECRET_LENGTH}
     */
    public Builder signingSecret(String secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length() < MIN_SIGNING_SECRET_LENGTH) {
        throw new IllegalArgumentException(
            "signing secret has " + secret.length() + " characters, fewer than " + MIN_SIGNING_SECRET_LENGTH);
      }
      this.signingSecret = secret;
      return this;
    }

    /** The longest token looked at; longer ones are refused before any comparison. */
    public Builder maxTokenLength(int max) {
      if (max < MIN_MAX_TOKEN_LENGTH || max > MAX_MAX_TOKEN_LENGTH) {
        throw new IllegalArgumentException(
            "maxTokenLength must be between " + MIN_MAX_TOKEN_LENGTH + " and " + MAX_MAX_TOKEN_LENGTH + ", was " + max);
      }
      this.maxTokenLength = max;
      return this;
    }

    /** Clock-skew allowance past a signed URL's {@code exp}. Default zero, as upstream. */
    public Builder signedUrlLeeway(Duration leeway) {
      Objects.requireNonNull(leeway, "leeway");
      if (leeway.isNegative()) {
        throw new IllegalArgumentException("signed URL leeway must not be negative, was " + leeway);
      }
      this.signedUrlLeeway = leeway;
      return this;
    }

    /** The furthest in the future a signed URL's {@code exp} may lie. Default: no cap, as upstream. */
    public Builder signedUrlMaxLifetime(Duration maxLifetime) {
      Objects.requireNonNull(maxLifetime, "maxLifetime");
      if (maxLifetime.isNegative() || maxLifetime.isZero()) {
        throw new IllegalArgumentException("signed URL max lifetime must be positive, was " + maxLifetime);
      }
      this.signedUrlMaxLifetime = maxLifetime;
      return this;
    }

    private SignedUrl.Verifier verifier() {
      SignedUrl.Verifier v = SignedUrl.verifier(signingSecret).clock(clock).leeway(signedUrlLeeway);
      return signedUrlMaxLifetime == null ? v : v.maxLifetime(signedUrlMaxLifetime);
    }

    /** The clock signed URLs are checked against. Default: the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalStateException if no key was chosen, the token-length cap is shorter than the
     *     key, or preflights are refused while CORS origins are configured (the browser could never
     *     reach the pod)
     */
    public BearerPolicy build() {
      if (!keyChosen) {
        throw new IllegalStateException("no key: call key(PresharedKey.fromEnvironment()) or, to fail closed, withoutKey()");
      }
      if (key != null && key.longestLength() > maxTokenLength) {
        throw new IllegalStateException("maxTokenLength " + maxTokenLength + " is shorter than the key ("
            + key.longestLength() + " characters): every client would be refused");
      }
      if (cors.enabled() && allowPreflightSet && !allowPreflight) {
        throw new IllegalStateException(
            "allowPreflight=false contradicts corsAllowedOrigins: the allowed origins could never pass a preflight");
      }
      return new BearerPolicy(this);
    }
  }
}
