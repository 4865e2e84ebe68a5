package dev.atlas.auth.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.atlas.auth.PresharedKey;
import dev.atlas.auth.SignedUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes the one HTTP decision with any {@code Authorization} values, methods, paths and queries.
 * Whatever arrives: it never throws; it allows only the exact key (or a signed URL that verifies);
 * every refusal has a status in {400, 401, 403, 503}, and its challenge is one of the fixed
 * strings, so no request byte is ever echoed.
 *
 * <p>CI runs the committed seeds (regression mode). A real fuzz run: {@code JAZZER_FUZZ=1 mvn -pl
 * atlas-auth-core test -Dtest=BearerPolicyFuzzTest}.
 */
class BearerPolicyFuzzTest {
  static final String KEY = "k8Qv3Zr1-Hn0Xw7Tb5Lc2Ym9Pd4Ja6Se_Ug1Fo3Ri8A";
  static final String PREVIOUS = "p1Wq9Ex2Rt8Yu3Io7Pa4Sd6Fg0Hj5Kl_Zx-Cv2Bn8M";
  static final String SECRET = "fuzz-signing-secret-fuzz-signing-secret";
  static final String ORIGIN = "https://app.example";
  static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  static final BearerPolicy FULL = BearerPolicy.builder()
      .key(PresharedKey.of(KEY, PREVIOUS))
      .excludePaths(List.of("/health", "/metrics/*"))
      .corsAllowedOrigins(List.of(ORIGIN))
      .signingSecret(SECRET)
      .clock(NOW)
      .build();
  static final BearerPolicy PLAIN = BearerPolicy.builder().key(PresharedKey.of(KEY)).maxTokenLength(64).build();
  static final BearerPolicy KEYLESS = BearerPolicy.builder().withoutKey().excludePaths(List.of("/health")).build();

  static final Set<String> CHALLENGES = challenges();
  static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "get", "TRACE"};
  static final String[] SCHEMES = {"Bearer", "bearer", "BEARER", "bEaReR", "Basic", "Bearer\t", "Bearer,", ""};
  static final String[] PATHS = {"/api", "/health", "/health/", "/metrics", "/metrics/jvm", "/x/../health", "/health;a=b", "", "/"};

  static Set<String> challenges() {
    Challenges c = new Challenges(BearerPolicy.Builder.DEFAULT_REALM);
    return Set.of(c.none, c.malformed, c.wrongToken, c.expired, c.badSignedUrl, c.duplicateAuthorization, c.duplicateSignedParameter);
  }

  /** One fuzzed input: a policy and a request. */
  record Case(BearerPolicy policy, AuthRequest request) {}

  static Case fuzzCase(FuzzedDataProvider data) {
    BearerPolicy policy = data.pickValue(new BearerPolicy[] {FULL, PLAIN, KEYLESS});
    String method = data.consumeBoolean() ? data.pickValue(METHODS) : data.consumeString(8);
    List<String> authorization = new ArrayList<>();
    for (int i = data.consumeInt(0, 3); i > 0; i--) {
      authorization.add(authorizationValue(data));
    }
    String origin = data.consumeBoolean() ? (data.consumeBoolean() ? ORIGIN : data.consumeString(40)) : null;
    String acrm = data.consumeBoolean() ? (data.consumeBoolean() ? "GET" : data.consumeString(10)) : null;
    String path = data.consumeBoolean() ? data.pickValue(PATHS) : data.consumeString(60);
    String rawPath = data.consumeBoolean() ? path : data.consumeString(60);
    String rawQuery = rawQuery(data, rawPath);
    return new Case(policy, new AuthRequest(method, List.copyOf(authorization), origin, acrm, path, rawPath, rawQuery));
  }

  @FuzzTest(maxDuration = "3m")
  void decide(FuzzedDataProvider data) {
    Case c = fuzzCase(data);
    BearerPolicy policy = c.policy();
    AuthRequest request = c.request();

    Decision d = policy.decide(request);

    assertThat(d).isNotNull();
    if (d instanceof Decision.Allow) {
      assertOnlyTheExactKeyOrAValidSignedUrl((Decision.Allow) d, policy, request);
    } else if (d instanceof Decision.Refuse) {
      assertRefusalIsFixed((Decision.Refuse) d, policy);
    } else if (d instanceof Decision.Preflight) {
      assertThat(policy).isSameAs(FULL);
      assertThat(request.method()).isEqualTo("OPTIONS");
      assertThat(request.origin()).isEqualTo(ORIGIN);
    } else {
      Reason reason = d.reason();
      assertThat(reason).isIn(Reason.PREFLIGHT, Reason.EXCLUDED_PATH);
      if (reason == Reason.EXCLUDED_PATH) {
        assertThat(policy).isNotSameAs(PLAIN);
      } else {
        assertThat(request.method()).isEqualTo("OPTIONS");
        assertThat(request.origin()).isNotNull();
        assertThat(request.accessControlRequestMethod()).isNotNull();
      }
    }
  }

  /** Shapes that reach deep into the parser, plus anything at all. */
  static String authorizationValue(FuzzedDataProvider data) {
    String spaces = " ".repeat(data.consumeInt(0, 3));
    switch (data.consumeInt(0, 5)) {
      case 0:
        return data.pickValue(SCHEMES) + spaces + KEY;
      case 1:
        return "Bearer " + edit(KEY, data);
      case 2:
        return data.pickValue(SCHEMES) + spaces + data.consumeString(80);
      case 3:
        return "Bearer" + spaces + PREVIOUS;
      case 4:
        return data.consumeString(600);
      default:
        return "Bearer " + data.consumeAsciiString(600);
    }
  }

  /** The key with one character replaced, inserted or removed, or cut, or extended. */
  static String edit(String key, FuzzedDataProvider data) {
    int at = data.consumeInt(0, key.length() - 1);
    char c = data.consumeChar();
    switch (data.consumeInt(0, 4)) {
      case 0:
        return key.substring(0, at) + c + key.substring(at + 1);
      case 1:
        return key.substring(0, at) + c + key.substring(at);
      case 2:
        return key.substring(0, at) + key.substring(at + 1);
      case 3:
        return key.substring(0, at);
      default:
        return key + data.consumeString(20);
    }
  }

  static String rawQuery(FuzzedDataProvider data, String rawPath) {
    switch (data.consumeInt(0, 3)) {
      case 0:
        return null;
      case 1:
        return data.consumeString(200);
      default:
        String signed = signedOrNull(rawPath + "?" + data.consumeString(40), data.consumeLong(-100, 100));
        if (signed == null) {
          return data.consumeString(200);
        }
        String query = signed.substring(signed.indexOf('?', rawPath.length()) + 1);
        return data.consumeBoolean() ? query : query + data.consumeString(40);
    }
  }

  static String signedOrNull(String url, long expiresIn) {
    try {
      return SignedUrl.sign(url, SECRET, Duration.ofSeconds(expiresIn), NOW);
    } catch (IllegalArgumentException repeatedKey) {
      return null;
    }
  }

  static void assertOnlyTheExactKeyOrAValidSignedUrl(Decision.Allow allow, BearerPolicy policy, AuthRequest r) {
    assertThat(policy).isNotSameAs(KEYLESS);
    if (allow.principal() == BearerPrincipal.SIGNED_URL) {
      assertThat(policy).isSameAs(FULL);
      assertThat(r.method()).isIn("GET", "HEAD");
      assertThat(r.authorization().stream().filter(BearerPolicyFuzzTest::hasBearerScheme)).isEmpty();
      assertThat(SignedUrl.verify(r.rawPath() + "?" + r.rawQuery(), SECRET, NOW)).isEqualTo(SignedUrl.Verification.VALID);
      return;
    }
    String expected = allow.principal() == BearerPrincipal.PRESHARED_KEY ? KEY : PREVIOUS;
    assertThat(allow.principal()).isIn(BearerPrincipal.PRESHARED_KEY, BearerPrincipal.PREVIOUS_PRESHARED_KEY);
    if (allow.principal() == BearerPrincipal.PREVIOUS_PRESHARED_KEY) {
      assertThat(policy).as("only FULL is rotating").isSameAs(FULL);
    }
    assertThat(r.authorization()).hasSize(1);
    String value = r.authorization().get(0);
    assertThat(hasBearerScheme(value)).as("ASCII scheme 'bearer', any case").isTrue();
    int start = 6;
    assertThat(value.charAt(start)).isEqualTo(' ');
    while (value.charAt(start) == ' ') {
      start++;
    }
    assertThat(value.substring(start)).isEqualTo(expected);
  }

  /** An independent reading of the scheme: six ASCII letters spelling "bearer" in any case. */
  static boolean hasBearerScheme(String value) {
    if (value.length() < 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      char c = value.charAt(i);
      char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      if (lower != "bearer".charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static void assertRefusalIsFixed(Decision.Refuse refuse, BearerPolicy policy) {
    assertThat(refuse.status()).isIn(400, 401, 403, 503);
    if (refuse.status() == 503) {
      assertThat(policy).isSameAs(KEYLESS);
    }
    if (refuse.status() == 403) {
      assertThat(policy).isSameAs(FULL);
      assertThat(refuse.reason()).isEqualTo(Reason.PREFLIGHT_REFUSED);
    }
    if (refuse.status() == 400 || refuse.status() == 401) {
      assertThat(refuse.challenge()).isIn(CHALLENGES); // RFC 9110 §11.6.1: every 401 has one
    } else {
      assertThat(refuse.challenge()).isNull();
    }
    for (Header h : refuse.headers()) {
      assertThat(h.name()).isEqualTo(Challenges.WWW_AUTHENTICATE);
      assertThat(h.value()).isIn(CHALLENGES);
    }
  }
}
