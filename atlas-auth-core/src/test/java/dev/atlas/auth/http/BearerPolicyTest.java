package dev.atlas.auth.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atlas.auth.PresharedKey;
import dev.atlas.auth.SignedUrl;
import dev.atlas.auth.Token;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rows of http-auth-rules.md §6, at the level of the shared decision. */
class BearerPolicyTest {
  static final String K = Token.mint().token();
  static final String SECRET = "signing-secret-signing-secret-signing";
  static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  static final String C0 = "Bearer realm=\"atlas\"";
  static final String CT_MALFORMED = C0 + ", error=\"invalid_token\", error_description=\"The access token is malformed\"";
  static final String CT_WRONG = C0 + ", error=\"invalid_token\", error_description=\"The access token is invalid\"";
  static final String CR = C0 + ", error=\"invalid_request\", error_description=\"Only one Authorization header is allowed\"";

  final BearerPolicy policy = BearerPolicy.builder()
      .key(PresharedKey.of(K))
      .excludePaths(List.of("/health", "/metrics/*"))
      .signingSecret(SECRET)
      .clock(NOW)
      .build();

  static AuthRequest get(String path, String... authorization) {
    return new AuthRequest("GET", List.of(authorization), null, null, path, path, null);
  }

  static AuthRequest request(String method, String path, String query, String... authorization) {
    return new AuthRequest(method, List.of(authorization), null, null, path, path, query);
  }

  void assertRefused(Decision d, int status, String challenge) {
    assertThat(d).isInstanceOf(Decision.Refuse.class);
    Decision.Refuse r = (Decision.Refuse) d;
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.challenge()).isEqualTo(challenge);
  }

  @Test
  void row01NoAuthorizationIs401WithoutErrorCode() {
    assertRefused(policy.decide(get("/api")), 401, C0);
  }

  @Test
  void row02UnsupportedSchemeIs401WithoutErrorCode() {
    assertRefused(policy.decide(get("/api", "Basic dXNlcjpw")), 401, C0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer", "bearer", "Bearer ", "Bearer\tK", "BearerK", "Bearer K junk", "Bearer K,Bearer K"})
  void rows03to10MalformedBearerIs401InvalidToken(String header) {
    assertRefused(policy.decide(get("/api", header.replace("K", K))), 401, CT_MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "BeArEr ", "Bearer  ", "Bearer     "})
  void rows05to07SchemeIsCaseInsensitiveAndSpacesMayRepeat(String prefix) {
    Decision d = policy.decide(get("/api", prefix + K));
    assertThat(d).isInstanceOf(Decision.Allow.class);
    assertThat(((Decision.Allow) d).principal()).isSameAs(BearerPrincipal.PRESHARED_KEY);
    assertThat(d.headers()).isEmpty();
  }

  @Test
  void row11TwoAuthorizationFieldsAre400EvenWhenBothAreRight() {
    assertRefused(policy.decide(get("/api", "Bearer " + K, "Bearer " + K)), 400, CR);
  }

  @Test
  void rows12and13WrongKeysAre401InvalidToken() {
    String sameLength = (K.charAt(0) == 'A' ? "B" : "A") + K.substring(1);
    for (String wrong : List.of(sameLength, "x", K.substring(1), K + "x", K + "=")) {
      assertRefused(policy.decide(get("/api", "Bearer " + wrong)), 401, CT_WRONG);
    }
  }

  @Test
  void row13TokenOverTheCapIsMalformedBeforeAnyComparison() {
    assertRefused(policy.decide(get("/api", "Bearer " + "a".repeat(10_000))), 401, CT_MALFORMED);
  }

  @Test
  void row14NonAsciiOrControlBytesAreMalformed() {
    assertRefused(policy.decide(get("/api", "Bearer " + K.substring(1) + "é")), 401, CT_MALFORMED);
    assertRefused(policy.decide(get("/api", "Bearer " + K.substring(1) + "\u0001")), 401, CT_MALFORMED);
  }

  @Test
  void row18KeyInTheQueryIsNeverHonoured() {
    assertRefused(policy.decide(request("GET", "/api", "access_token=" + K)), 401, C0);
  }

  @Test
  void row19NoKeyIs503WithoutChallenge() {
    BearerPolicy failClosed = BearerPolicy.builder().withoutKey().excludePaths(List.of("/health")).build();
    assertRefused(failClosed.decide(get("/api", "Bearer " + K)), 503, null);
    assertRefused(failClosed.decide(get("/api")), 503, null);
    assertThat(failClosed.decide(get("/health"))).isInstanceOf(Decision.Pass.class);
  }

  @Test
  void row20RealPreflightPassesAndRow21OthersDoNot() {
    AuthRequest preflight = new AuthRequest("OPTIONS", List.of(), "https://app.test", "POST", "/api", "/api", null);
    assertThat(policy.decide(preflight)).isEqualTo(new Decision.Pass(Reason.PREFLIGHT));
    assertRefused(policy.decide(new AuthRequest("OPTIONS", List.of(), "https://app.test", null, "/api", "/api", null)), 401, C0);
    assertRefused(policy.decide(new AuthRequest("OPTIONS", List.of(), null, "POST", "/api", "/api", null)), 401, C0);
    BearerPolicy strict = BearerPolicy.builder().key(PresharedKey.of(K)).allowPreflight(false).build();
    assertRefused(strict.decide(preflight), 401, C0);
  }

  @Test
  void row22HeadIsTreatedLikeGet() {
    assertRefused(policy.decide(request("HEAD", "/api", null)), 401, C0);
    assertThat(policy.decide(request("HEAD", "/api", null, "Bearer " + K))).isInstanceOf(Decision.Allow.class);
  }

  @Test
  void row23ExcludedPathsIgnoreTheHeader() {
    assertThat(policy.decide(get("/health"))).isInstanceOf(Decision.Pass.class);
    assertThat(policy.decide(get("/health", "Bearer wrong"))).isInstanceOf(Decision.Pass.class);
    assertThat(policy.decide(get("/health", "Bearer a", "Bearer b"))).isInstanceOf(Decision.Pass.class);
    assertThat(policy.decide(get("/metrics"))).isInstanceOf(Decision.Pass.class);
    assertThat(policy.decide(get("/metrics/jvm"))).isInstanceOf(Decision.Pass.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/healthz", "/HEALTH", "/health/../api/x", "/api;x=/health", "/api/health", "/metricsx", "/../health",
      "/x/../health", "//health", "/health;jsessionid=1", "/./health", "/metrics/./x", "/metrics//x", "/metrics/a/../../api",
      "/files/x/../../health", "health", ""})
  void row24PathsThatAreNotNormalOrNearMissesAreProtected(String path) {
    assertRefused(policy.decide(get(path)), 401, C0);
  }

  @Test
  void dotsInsideASegmentAreOrdinaryCharacters() {
    BearerPolicy wellKnown = BearerPolicy.builder().key(PresharedKey.of(K)).excludePaths(List.of("/.well-known/*", "/v1.2/health")).build();
    assertThat(wellKnown.decide(get("/.well-known/openid-configuration"))).isInstanceOf(Decision.Pass.class);
    assertThat(wellKnown.decide(get("/v1.2/health"))).isInstanceOf(Decision.Pass.class);
    assertThat(wellKnown.decide(get("/.well-knownx"))).isInstanceOf(Decision.Refuse.class);
  }

  String signed(String pathAndQuery, long seconds) {
    return SignedUrl.sign(pathAndQuery, SECRET, Duration.ofSeconds(seconds), NOW);
  }

  AuthRequest signedRequest(String method, String url) {
    int q = url.indexOf('?');
    return new AuthRequest(method, List.of(), null, null, url.substring(0, q), url.substring(0, q), url.substring(q + 1));
  }

  @Test
  void row26ValidSignedUrlPassesOnGetAndHeadWithCacheControlPrivate() {
    String url = signed("/v1/stream?prompt=hi", 60);
    for (String method : List.of("GET", "HEAD")) {
      Decision d = policy.decide(signedRequest(method, url));
      assertThat(d).isInstanceOf(Decision.Allow.class);
      assertThat(((Decision.Allow) d).principal()).isSameAs(BearerPrincipal.SIGNED_URL);
      assertThat(d.headers()).containsExactly(new Header("Cache-Control", "private"));
    }
  }

  @Test
  void row27ExpiredOrTamperedSignedUrlsAre401InvalidToken() {
    String expired = C0 + ", error=\"invalid_token\", error_description=\"The signed URL has expired\"";
    String invalid = C0 + ", error=\"invalid_token\", error_description=\"The signed URL is invalid\"";
    assertRefused(policy.decide(signedRequest("GET", signed("/v1/stream?p=1", -1))), 401, expired);
    String url = signed("/v1/stream?p=1", 60);
    assertRefused(policy.decide(signedRequest("GET", url.replace("/stream", "/other"))), 401, invalid);
    assertRefused(policy.decide(signedRequest("GET", url + "&extra=1")), 401, invalid);
    assertRefused(policy.decide(signedRequest("GET", url.replaceAll("sig=[^&]+", "sig=AAAA"))), 401, invalid);
  }

  @Test
  void row28MalformedSignedUrlsAre401InvalidToken() {
    String invalid = C0 + ", error=\"invalid_token\", error_description=\"The signed URL is invalid\"";
    assertRefused(policy.decide(signedRequest("GET", "/a?exp=1700000060")), 401, invalid);
    assertRefused(policy.decide(signedRequest("GET", "/a?exp=abc&sig=x")), 401, invalid);
    assertRefused(policy.decide(signedRequest("GET", "/a?sig=x")), 401, invalid);
  }

  @Test
  void row29DuplicateExpOrSigIs400InvalidRequest() {
    String cr = C0 + ", error=\"invalid_request\", error_description=\"The signed URL repeats exp or sig\"";
    String url = signed("/v1/stream", 60);
    assertRefused(policy.decide(signedRequest("GET", url + "&sig=x")), 400, cr);
    assertRefused(policy.decide(signedRequest("GET", url + "&%65xp=1")), 400, cr);
  }

  @Test
  void row30SignedUrlOnWriteMethodsIs401WithoutErrorCode() {
    String url = signed("/v1/generate", 60);
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      assertRefused(policy.decide(signedRequest(method, url)), 401, C0);
    }
  }

  @Test
  void signedUrlsAreRefusedWhenNoSigningSecretIsConfigured() {
    BearerPolicy noSigning = BearerPolicy.builder().key(PresharedKey.of(K)).clock(NOW).build();
    assertRefused(noSigning.decide(signedRequest("GET", signed("/v1/stream", 60))), 401, C0);
  }

  @Test
  void rotationAcceptsBothKeysAndNamesWhich() {
    String previous = Token.mint().token();
    BearerPolicy rotating = BearerPolicy.builder().key(PresharedKey.of(K, previous)).build();
    assertThat(((Decision.Allow) rotating.decide(get("/a", "Bearer " + K))).principal()).isSameAs(BearerPrincipal.PRESHARED_KEY);
    assertThat(((Decision.Allow) rotating.decide(get("/a", "Bearer " + previous))).principal())
        .isSameAs(BearerPrincipal.PREVIOUS_PRESHARED_KEY);
    assertRefused(rotating.decide(get("/a", "Bearer " + Token.mint().token())), 401, CT_WRONG);
  }

  @Test
  void corsAnswersPreflightsForAllowedOriginsAndRefusesOthers() {
    BearerPolicy cors = BearerPolicy.builder().key(PresharedKey.of(K)).corsAllowedOrigins(List.of("http://localhost:8080")).build();
    Decision ok = cors.decide(new AuthRequest("OPTIONS", List.of(), "http://localhost:8080", "GET", "/v1/stream", "/v1/stream", null));
    assertThat(ok).isInstanceOf(Decision.Preflight.class);
    assertThat(ok.headers()).contains(
        new Header("Access-Control-Allow-Origin", "http://localhost:8080"),
        new Header("Access-Control-Allow-Headers", Cors.ALLOW_HEADERS));
    assertRefused(cors.decide(new AuthRequest("OPTIONS", List.of(), "http://evil.test", "GET", "/", "/", null)), 403, null);
    assertThat(cors.corsHeaders("http://localhost:8080")).contains(new Header("Access-Control-Allow-Origin", "http://localhost:8080"));
    assertThat(cors.corsHeaders("http://evil.test")).isEmpty();
    assertThat(cors.corsHeaders(null)).isEmpty();
  }

  @Test
  void nothingFromTheRequestIsEverEchoed() {
    String evil = "Bearer " + K.substring(2) + "\"x";
    Decision d = policy.decide(get("/api", evil));
    assertThat(d.headers()).allSatisfy(h -> assertThat(h.value()).doesNotContain(K.substring(2)));
  }

  @Test
  void invalidConfigurationFailsAtBuildNamingTheProblem() {
    assertThatThrownBy(() -> BearerPolicy.builder().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("no key");
    assertThatThrownBy(() -> BearerPolicy.builder().realm("a\"b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("realm");
    assertThatThrownBy(() -> BearerPolicy.builder().excludePaths(List.of("health"))).hasMessageContaining("'health'");
    assertThatThrownBy(() -> BearerPolicy.builder().excludePaths(List.of("/*"))).hasMessageContaining("everywhere");
    assertThatThrownBy(() -> BearerPolicy.builder().excludePaths(List.of("/a/../b"))).hasMessageContaining("'/a/../b'");
    assertThatThrownBy(() -> BearerPolicy.builder().corsAllowedOrigins(List.of("*"))).hasMessageContaining("'*'");
    assertThatThrownBy(() -> BearerPolicy.builder().corsAllowedOrigins(List.of("http://a.test/path"))).hasMessageContaining("path");
    assertThatThrownBy(() -> BearerPolicy.builder().maxTokenLength(10)).hasMessageContaining("10");
    assertThatThrownBy(() -> BearerPolicy.builder().signingSecret("short")).hasMessageContaining("fewer than 32");
    assertThatThrownBy(() -> BearerPolicy.builder().key(PresharedKey.of(K)).corsAllowedOrigins(List.of("http://a.test")).allowPreflight(false).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("allowPreflight");
  }

  @Test
  void aTokenLengthCapShorterThanTheKeyFailsTheBuild() {
    String longKey = "k".repeat(60);
    assertThatThrownBy(() -> BearerPolicy.builder().key(PresharedKey.of(longKey)).maxTokenLength(59).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxTokenLength 59 is shorter than the key (60 characters)")
        .hasMessageNotContaining(longKey);
    assertThat(BearerPolicy.builder().key(PresharedKey.of(longKey)).maxTokenLength(60).build()
        .decide(get("/a", "Bearer " + longKey))).isInstanceOf(Decision.Allow.class);
  }

  @Test
  void toStringHidesTheKey() {
    assertThat(policy.toString()).doesNotContain(K).doesNotContain(SECRET);
  }
}
