package dev.atlas.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-signed, expiring URLs, byte-compatible with ExAtlas {@code Auth.SignedUrl}: for clients that
 * cannot send a header ({@code EventSource}, {@code <video>}, WebSocket upgrades).
 *
 * <p>{@link #sign} adds {@code exp} (Unix seconds) and {@code sig} (unpadded base64url
 * HMAC-SHA256) query parameters, with every parameter sorted by key and form-encoded. The HMAC
 * covers the raw path and the query; never the scheme, host, port or fragment. Deliberate
 * departures from upstream: a URL whose query repeats a key cannot be signed, an {@code exp} or
 * {@code sig} already present is replaced rather than signed over, and a URL that repeats a key
 * never verifies.
 */
public final class SignedUrl {
  /** The lifetime {@link #sign(String, String)} gives a URL: one hour, as upstream. */
  public static final Duration DEFAULT_EXPIRES_IN = Duration.ofSeconds(3600);
  /** The query parameter holding the expiry, in Unix seconds. */
  public static final String EXP = "exp";
  /** The query parameter holding the signature. */
  public static final String SIG = "sig";

  private static final int SIG_LENGTH = 43;
  private static final int MAX_EXP_DIGITS = 64;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** The outcome of {@link #verify}. */
  public enum Verification {
    VALID,
    EXPIRED,
    BAD_SIGNATURE,
    MALFORMED
  }

  private SignedUrl() {}

  /** Signs {@code url} for {@link #DEFAULT_EXPIRES_IN} from the system clock. */
  public static String sign(String url, String secret) {
    return sign(url, secret, DEFAULT_EXPIRES_IN, Clock.systemUTC());
  }

  /**
   * Returns {@code url} with {@code exp = now + expiresIn} and its signature in the query.
   *
   * @param secret the HMAC key, used as the UTF-8 bytes of the string (not decoded); not empty
   * @param expiresIn whole seconds count; zero or negative gives a URL that is already expired
   * @throws IllegalArgumentException if the secret is empty, the query repeats a key, or now +
   *     expiresIn overflows
   */
  public static String sign(String url, String secret, Duration expiresIn, Clock clock) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(expiresIn, "expiresIn");
    Objects.requireNonNull(clock, "clock");
    Mac mac = mac(secret);
    UriParts uri = UriParts.parse(url);
    TreeMap<String, String> params = new TreeMap<>();
    for (FormCodec.Pair p : FormCodec.decode(uri.query())) {
      if (params.put(p.key(), p.value()) != null) {
        throw new IllegalArgumentException(
            "url: the query repeats the parameter '" + printable(p.key()) + "'; a signed URL needs unique keys");
      }
    }
    params.remove(SIG);
    long exp;
    try {
      exp = Math.addExact(clock.instant().getEpochSecond(), expiresIn.getSeconds());
    } catch (ArithmeticException overflow) {
      throw new IllegalArgumentException("expiresIn: now + " + expiresIn + " does not fit in Unix seconds");
    }
    params.put(EXP, Long.toString(exp));
    String sig = signature(mac, uri.signedPath(), FormCodec.encode(params));
    params.put(SIG, sig);
    return uri.withQuery(FormCodec.encode(params));
  }

  /**
   * Checks a URL, a path with a query, or a bare query string with upstream's semantics; see
   * {@link Verifier#verify}.
   *
   * @throws IllegalArgumentException if the secret is empty
   */
  public static Verification verify(String url, String secret, Clock clock) {
    return verifier(secret).clock(clock).verify(url);
  }

  /**
   * A reusable verifier for one secret, with upstream's semantics until told otherwise.
   *
   * @throws IllegalArgumentException if the secret is empty
   */
  public static Verifier verifier(String secret) {
    Objects.requireNonNull(secret, "secret");
    mac(secret); // fail now, not at the first request
    return new Verifier(secret, Clock.systemUTC(), Duration.ZERO, null);
  }

  /**
   * Verifies signed URLs for one secret. Immutable; each {@code with}-style method returns a copy.
   * Beyond upstream, it can allow clock-skew leeway and cap how far in the future {@code exp} may
   * lie (a URL signed for longer than the cap is {@link Verification#EXPIRED}: outside the window
   * this verifier accepts).
   */
  public static final class Verifier {
    private final String secret;
    private final Clock clock;
    private final Duration leeway;
    private final Duration maxLifetime; // null: no cap, as upstream

    private Verifier(String secret, Clock clock, Duration leeway, Duration maxLifetime) {
      this.secret = secret;
      this.clock = clock;
      this.leeway = leeway;
      this.maxLifetime = maxLifetime;
    }

    /** The clock to check {@code exp} against. Default: the system clock. */
    public Verifier clock(Clock clock) {
      return new Verifier(secret, Objects.requireNonNull(clock, "clock"), leeway, maxLifetime);
    }

    /** How long past {@code exp} a URL is still accepted, for clock skew. Default zero. */
    public Verifier leeway(Duration leeway) {
      Objects.requireNonNull(leeway, "leeway");
      if (leeway.isNegative()) {
        throw new IllegalArgumentException("leeway must not be negative, was " + leeway);
      }
      return new Verifier(secret, clock, leeway, maxLifetime);
    }

    /** The furthest in the future {@code exp} may lie. Default: no cap, as upstream. */
    public Verifier maxLifetime(Duration maxLifetime) {
      Objects.requireNonNull(maxLifetime, "maxLifetime");
      if (maxLifetime.isNegative() || maxLifetime.isZero()) {
        throw new IllegalArgumentException("maxLifetime must be positive, was " + maxLifetime);
      }
      return new Verifier(secret, clock, leeway, maxLifetime);
    }

    /**
     * Checks a URL, a path with a query, or a bare query string, in upstream's order: malformed,
     * then expired ({@code exp < now}; {@code exp == now} is still valid), then the signature,
     * compared in constant time.
     */
    public Verification verify(String url) {
      Objects.requireNonNull(url, "url");
      UriParts uri = UriParts.parse(url);
      List<FormCodec.Pair> pairs = FormCodec.decode(uri.query());
      if (uri.path().isEmpty() && uri.authority() == null && pairs.isEmpty()) {
        return Verification.MALFORMED;
      }
      TreeMap<String, String> params = new TreeMap<>();
      for (FormCodec.Pair p : pairs) {
        if (params.put(p.key(), p.value()) != null) {
          return Verification.MALFORMED; // a repeated key could smuggle a value past the signature
        }
      }
      BigInteger exp = parseExp(params.get(EXP));
      String sig = params.remove(SIG);
      if (exp == null || sig == null || sig.isEmpty()) {
        return Verification.MALFORMED;
      }
      long now = clock.instant().getEpochSecond();
      if (exp.compareTo(BigInteger.valueOf(now - leeway.getSeconds())) < 0) {
        return Verification.EXPIRED;
      }
      if (maxLifetime != null && exp.compareTo(BigInteger.valueOf(now + maxLifetime.getSeconds())) > 0) {
        return Verification.EXPIRED;
      }
      params.put(EXP, exp.toString());
      String expected = signature(mac(secret), uri.signedPath(), FormCodec.encode(params));
      return sameSignature(expected, sig) ? Verification.VALID : Verification.BAD_SIGNATURE;
    }

    @Override
    public String toString() {
      return "SignedUrl.Verifier[secret=<redacted>, leeway=" + leeway + ", maxLifetime=" + maxLifetime + "]";
    }
  }

  /** A decimal integer with an optional sign, leading zeros allowed; null when it is not one. */
  private static BigInteger parseExp(String exp) {
    if (exp == null || exp.isEmpty() || exp.length() > MAX_EXP_DIGITS) {
      return null;
    }
    int start = exp.charAt(0) == '+' || exp.charAt(0) == '-' ? 1 : 0;
    if (start == exp.length()) {
      return null;
    }
    for (int i = start; i < exp.length(); i++) {
      char c = exp.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    return new BigInteger(exp);
  }

  /** Constant-time comparison of the expected signature with a presented one. */
  private static boolean sameSignature(String expected, String presented) {
    if (presented.length() != SIG_LENGTH) {
      return false; // every signature has 43 characters: the length is public
    }
    int diff = 0;
    for (int i = 0; i < SIG_LENGTH; i++) {
      diff |= expected.charAt(i) ^ presented.charAt(i);
    }
    return diff == 0;
  }

  private static String signature(Mac mac, String path, String canonicalQuery) {
    mac.update(path.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) '?');
    return BASE64URL.encodeToString(mac.doFinal(canonicalQuery.getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static Mac mac(String secret) {
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** A key for an error message: printable ASCII kept, anything else as \xNN. Keys are not secret. */
  private static String printable(String byteString) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < byteString.length() && i < 64; i++) {
      char c = byteString.charAt(i);
      if (c >= 0x20 && c < 0x7F) {
        out.append(c);
      } else {
        out.append(String.format("\\x%02X", (int) c));
      }
    }
    return out.toString();
  }
}
