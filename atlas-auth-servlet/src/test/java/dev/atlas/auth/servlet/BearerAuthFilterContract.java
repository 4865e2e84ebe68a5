package dev.atlas.auth.servlet;

import static dev.atlas.auth.servlet.BearerAuthFilter.ALLOW_PREFLIGHT;
import static dev.atlas.auth.servlet.BearerAuthFilter.CORS_ALLOWED_ORIGINS;
import static dev.atlas.auth.servlet.BearerAuthFilter.EXCLUDE_PATHS;
import static dev.atlas.auth.servlet.BearerAuthFilter.SIGNED_URL_MAX_LIFETIME_SECONDS;
import static dev.atlas.auth.servlet.BearerAuthFilter.SIGNING_SECRET_ENV;
import static dev.atlas.auth.servlet.TestApps.ENV;
import static dev.atlas.auth.servlet.TestApps.K;
import static dev.atlas.auth.servlet.TestApps.PREVIOUS;
import static dev.atlas.auth.servlet.TestApps.SECRET;
import static dev.atlas.auth.servlet.TestApps.SIGNING_ENV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atlas.auth.SignedUrl;
import dev.atlas.auth.servlet.Container.App;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row of http-auth-rules.md §6, over real HTTP, against one embedded container per
 * subclass. The filter is registered through {@code ServletContext.addFilter} (drop-in way 2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BearerAuthFilterContract {
  static final String C0 = "Bearer realm=\"atlas\"";
  static final String MALFORMED = C0 + ", error=\"invalid_token\", error_description=\"The access token is malformed\"";
  static final String WRONG = C0 + ", error=\"invalid_token\", error_description=\"The access token is invalid\"";
  static final String TWO_FIELDS = C0 + ", error=\"invalid_request\", error_description=\"Only one Authorization header is allowed\"";
  static final String EXPIRED = C0 + ", error=\"invalid_token\", error_description=\"The signed URL has expired\"";
  static final String BAD_URL = C0 + ", error=\"invalid_token\", error_description=\"The signed URL is invalid\"";
  static final String REPEATED = C0 + ", error=\"invalid_request\", error_description=\"The signed URL repeats exp or sig\"";
  static final String ORIGIN = "https://app.example.com";
  static final String AUTH = "Authorization: Bearer " + K;

  Container container;
  LogCapture logs;
  final BearerAuthFilter destroyedLater = BearerAuthFilter.withEnvironment(ENV::get);
  final AtomicReference<RuntimeException> secondRegistration = new AtomicReference<>();

  abstract Container newContainer() throws Exception;

  @BeforeAll
  void start() throws Exception {
    logs = LogCapture.start("dev.atlas");
    container = newContainer();
    container.start(List.of(
        new App("", TestApps.app(Map.of(EXCLUDE_PATHS, "/health, /metrics/*", SIGNING_SECRET_ENV, SIGNING_ENV), ENV::get)),
        new App("/capped", TestApps.app(Map.of(SIGNING_SECRET_ENV, SIGNING_ENV, SIGNED_URL_MAX_LIFETIME_SECONDS, "3600"), ENV::get)),
        new App("/cors", TestApps.app(Map.of(CORS_ALLOWED_ORIGINS, ORIGIN), ENV::get)),
        new App("/strict", TestApps.app(Map.of(ALLOW_PREFLIGHT, "false"), ENV::get)),
        new App("/uninitialised", TestApps.app(new NeverInitialised(BearerAuthFilter.withEnvironment(ENV::get)))),
        new App("/destroyed", TestApps.app(destroyedLater)),
        new App("/twice", registeringTwice())));
  }

  @AfterAll
  void stop() throws Exception {
    try {
      container.close();
    } finally {
      logs.close();
    }
    List<String> lines = logs.lines();
    assertThat(lines).anyMatch(l -> l.startsWith("INFO") && l.contains("filter atlas_bearer active"));
    assertThat(lines).anyMatch(l -> l.contains("NO_CREDENTIALS")).anyMatch(l -> l.contains("WRONG_TOKEN"));
    assertThat(lines).noneMatch(l -> l.contains(K) || l.contains(PREVIOUS) || l.contains(SECRET) || l.contains("sig="));
  }

  RawHttp.Response request(String method, String target, String... headerLines) throws IOException {
    return RawHttp.exchange(container.port(), method, target, headerLines);
  }

  RawHttp.Response get(String target, String... headerLines) throws IOException {
    return request("GET", target, headerLines);
  }

  static void assertRefused(RawHttp.Response r, int status, String challenge) {
    assertThat(r.status()).as("%s", r).isEqualTo(status);
    if (challenge == null) {
      assertThat(r.headers("WWW-Authenticate")).as("%s", r).isEmpty();
    } else {
      assertThat(r.headers("WWW-Authenticate")).as("%s", r).containsExactly(challenge);
    }
    assertThat(r.body()).as("%s", r).isEmpty();
    assertThat(r.header("Content-Length")).as("%s", r).isEqualTo("0");
    assertThat(r.rawText()).doesNotContain(K).doesNotContain(PREVIOUS);
  }

  static void assertAdmitted(RawHttp.Response r, String principal) {
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.headers("WWW-Authenticate")).isEmpty();
    assertThat(r.bodyText()).contains("principal=" + principal + "\n", "authType=Bearer\n",
        "remoteUser=" + principal + "\n", "inRole=false\n");
  }

  static void assertPassedAnonymously(RawHttp.Response r) {
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.headers("WWW-Authenticate")).isEmpty();
    assertThat(r.bodyText()).contains("principal=none\n", "authType=null\n", "dispatch=REQUEST\n");
  }

  // §6 rows 1–4: no credentials, another scheme, an empty token

  @Test
  void row01RejectsARequestWithoutAuthorizationWith401AndABareChallenge() throws IOException {
    assertRefused(get("/api/echo"), 401, C0);
  }

  @Test
  void row02RejectsBasicCredentialsAsNoCredentials() throws IOException {
    assertRefused(get("/api/echo", "Authorization: Basic dXNlcjpw"), 401, C0);
  }

  @Test
  void row03RejectsBearerWithoutATokenAsInvalidToken() throws IOException {
    assertRefused(get("/api/echo", "Authorization: Bearer"), 401, MALFORMED);
  }

  @Test
  void row04RejectsBearerAndATrailingSpaceAsInvalidTokenSinceTheContainerTrimsIt() throws IOException {
    assertRefused(get("/api/echo", "Authorization: Bearer "), 401, MALFORMED);
    assertAdmitted(get("/api/echo", AUTH + "   "), "atlas-preshared-key");
  }

  // rows 5–7: what is admitted

  @Test
  void row05AdmitsTheKeyAndExposesTheBearerPrincipal() throws IOException {
    RawHttp.Response r = get("/api/echo", AUTH);
    assertAdmitted(r, "atlas-preshared-key");
    assertThat(r.bodyText()).contains("dispatch=REQUEST\n", "path=/api/echo\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bearer", "BEARER", "bEaReR"})
  void row06MatchesTheSchemeCaseInsensitively(String scheme) throws IOException {
    assertAdmitted(get("/api/echo", "Authorization: " + scheme + " " + K), "atlas-preshared-key");
  }

  @Test
  void row07AdmitsMoreThanOneSpaceAfterTheScheme() throws IOException {
    assertAdmitted(get("/api/echo", "Authorization: Bearer  " + K), "atlas-preshared-key");
    assertAdmitted(get("/api/echo", "Authorization: Bearer      " + K), "atlas-preshared-key");
  }

  @Test
  void admitsThePreviousKeyDuringARotationAsItsOwnPrincipal() throws IOException {
    assertAdmitted(get("/api/echo", "Authorization: Bearer " + PREVIOUS), "atlas-previous-preshared-key");
  }

  // rows 8–14: malformed and wrong tokens

  @Test
  void row08RejectsATabAfterTheScheme() throws IOException {
    assertRefused(get("/api/echo", "Authorization: Bearer\t" + K), 401, MALFORMED);
  }

  @Test
  void row09RejectsTheSchemeRunIntoTheToken() throws IOException {
    assertRefused(get("/api/echo", "Authorization: Bearer" + K), 401, MALFORMED);
  }

  @Test
  void row10RejectsTrailingJunkAndAListOfCredentials() throws IOException {
    assertRefused(get("/api/echo", AUTH + " junk"), 401, MALFORMED);
    assertRefused(get("/api/echo", AUTH + ",Bearer " + K), 401, MALFORMED);
  }

  @Test
  void row11RejectsTwoAuthorizationFieldsWith400EvenWhenBothHoldTheKey() throws IOException {
    assertRefused(get("/api/echo", AUTH, AUTH), 400, TWO_FIELDS);
    assertRefused(get("/api/echo", "Authorization: Basic dXNlcjpw", AUTH), 400, TWO_FIELDS);
  }

  @Test
  void row12RejectsAWrongKeyOfTheSameLength() throws IOException {
    String wrong = (K.charAt(0) == 'A' ? "B" : "A") + K.substring(1);
    assertRefused(get("/api/echo", "Authorization: Bearer " + wrong), 401, WRONG);
  }

  @Test
  void row13RejectsWrongKeysOfOtherLengthsWithoutNormalisingPadding() throws IOException {
    for (String wrong : List.of("a", K.substring(1), K + "x", K + "=")) {
      assertRefused(get("/api/echo", "Authorization: Bearer " + wrong), 401, WRONG);
    }
    assertRefused(get("/api/echo", "Authorization: Bearer " + "a".repeat(10 * 1024)), 401, MALFORMED);
  }

  @Test
  void row14RejectsNonAsciiTokensAsMalformedAndTheContainerRejectsControlBytes() throws IOException {
    String utf8 = new String("é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertRefused(get("/api/echo", "Authorization: Bearer " + utf8 + K), 401, MALFORMED);
    assertRefused(get("/api/echo", "Authorization: Bearer " + K.substring(1) + "\u00ff"), 401, MALFORMED);
    for (String control : List.of("\u0001", "\u007f", "\u0000")) {
      RawHttp.Response r = get("/api/echo", "Authorization: Bearer " + K.substring(1) + control);
      assertThat(r.status()).as("%s", r).isEqualTo(400);
      assertThat(r.rawText()).doesNotContain(K.substring(1));
    }
  }

  @Test
  void row15AHeaderOverTheContainerLimitIsRefusedByTheContainerBeforeTheFilter() throws IOException {
    RawHttp.Response r = get("/api/echo", "Authorization: Bearer " + "a".repeat(Container.HEADER_LIMIT_BYTES + 1024));
    assertThat(r.status()).isEqualTo(container.headerTooLargeStatus());
    assertThat(r.headers("WWW-Authenticate")).isEmpty();
  }

  // rows 16–18: no other place for the key

  @Test
  void row16AcceptsTheKeyFromNoOtherHeaderOrCookie() throws IOException {
    assertRefused(get("/api/echo", "Proxy-Authorization: Bearer " + K), 401, C0);
    assertRefused(get("/api/echo", "X-Api-Key: " + K), 401, C0);
    assertRefused(get("/api/echo", "Cookie: Bearer=" + K), 401, C0);
  }

  @Test
  void row17AdmitsTheHeaderAndIgnoresAnAccessTokenParameter() throws IOException {
    assertAdmitted(get("/api/echo?access_token=" + K, AUTH), "atlas-preshared-key");
  }

  @Test
  void row18NeverHonoursTheKeyInTheUrl() throws IOException {
    assertRefused(get("/api/echo?access_token=" + K), 401, C0);
    assertRefused(get("/api/echo?access_token=Bearer%20" + K), 401, C0);
  }

  // row 19 (fail closed) is in BearerAuthFilterLifecycle; the 503 fallback is reached here

  @Test
  void row19AnswersEveryRequest503WithoutABodyWhenTheFilterWasNeverInitialised() throws IOException {
    for (String target : List.of("/uninitialised/api/echo", "/uninitialised/health")) {
      assertRefused(get(target, AUTH), 503, null);
    }
    assertRefused(request("OPTIONS", "/uninitialised/api/echo", "Origin: " + ORIGIN, "Access-Control-Request-Method: GET"), 503, null);
  }

  @Test
  void row19AnswersEveryRequest503WithoutABodyAfterDestroy() throws IOException {
    assertAdmitted(get("/destroyed/api/echo", AUTH), "atlas-preshared-key");
    destroyedLater.destroy();
    assertRefused(get("/destroyed/api/echo", AUTH), 503, null);
    assertRefused(get("/destroyed/api/echo"), 503, null);
  }

  // rows 20–21: CORS preflights

  @Test
  void row20PassesARealPreflightWithoutCredentialsToTheApplication() throws IOException {
    RawHttp.Response r = request("OPTIONS", "/api/echo", "Origin: " + ORIGIN, "Access-Control-Request-Method: POST");
    assertPassedAnonymously(r);
    assertThat(r.bodyText()).contains("method=OPTIONS\n");
  }

  @Test
  void row21RejectsAnOptionsRequestThatIsNotAPreflight() throws IOException {
    assertRefused(request("OPTIONS", "/api/echo"), 401, C0);
    assertRefused(request("OPTIONS", "/api/echo", "Origin: " + ORIGIN), 401, C0);
    assertRefused(request("OPTIONS", "/api/echo", "Access-Control-Request-Method: POST"), 401, C0);
  }

  @Test
  void row21RejectsEvenARealPreflightWhenAllowPreflightIsFalse() throws IOException {
    assertRefused(request("OPTIONS", "/strict/api/echo", "Origin: " + ORIGIN, "Access-Control-Request-Method: POST"), 401, C0);
    assertAdmitted(request("OPTIONS", "/strict/api/echo", "Origin: " + ORIGIN, "Access-Control-Request-Method: POST", AUTH), "atlas-preshared-key");
  }

  // row 22: HEAD is GET

  @Test
  void row22TreatsHeadExactlyLikeGet() throws IOException {
    RawHttp.Response refused = request("HEAD", "/api/echo");
    assertRefused(refused, 401, C0);
    RawHttp.Response head = request("HEAD", "/api/echo", AUTH);
    RawHttp.Response get = get("/api/echo", AUTH);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
    assertThat(head.headers("WWW-Authenticate")).isEmpty();
    assertRefused(request("HEAD", "/api/echo", "Authorization: Bearer x" + K), 401, WRONG);
  }

  // rows 23–24: exclusions

  @Test
  void row23PassesExcludedPathsWithoutLookingAtAuthorization() throws IOException {
    for (String target : List.of("/health", "/metrics", "/metrics/jvm/heap")) {
      assertPassedAnonymously(get(target));
      assertPassedAnonymously(get(target, "Authorization: Bearer wrong"));
      assertPassedAnonymously(get(target, AUTH, AUTH));
      assertPassedAnonymously(get(target, AUTH));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/healthz", "/HEALTH", "/Health", "/health/", "/health/x", "/health/../api/x", "/api;x=/health",
      "/metrics/../api/x", "/metrics/a/../../api/x", "/metricsx", "/api/echo%3B/../../health/..",
      "/health%3Bx", "/metrics%3Bx/y"})
  void row24MatchesExclusionsOnTheNormalisedPathSoLookAlikesAreRejected(String target) throws IOException {
    assertRefused(get(target), 401, C0);
  }

  /** A literal ';' (sent as %3B) is no path parameter: the container serves "/health;x" from the "/" servlet. */
  @ParameterizedTest
  @ValueSource(strings = {"/health%3Bx", "/health%3B", "/metrics%3Bx/jvm"})
  void row24AnEncodedSemicolonIsNotAPathParameterSoItIsNeverExcluded(String target) throws IOException {
    assertRefused(get(target), 401, C0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/%2e/api/x", "/health/%2e%2e/api/x", "/health/%2E%2E/api/x"})
  void row24EncodedDotSegmentsAreNormalisedBeforeTheFilterOrRejectedByTheContainer(String target) throws IOException {
    RawHttp.Response r = get(target);
    if (container.encodedDotSegmentStatus() == 401) {
      assertRefused(r, 401, C0);
    } else {
      assertThat(r.status()).as("%s", r).isEqualTo(container.encodedDotSegmentStatus());
      assertThat(r.bodyText()).doesNotContain("principal=");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health%2F..%2Fapi%2Fx", "/api%2Fx", "/health%00"})
  void row24TheContainerRejectsEncodedSlashesAndNulBeforeTheFilter(String target) throws IOException {
    RawHttp.Response r = get(target);
    assertThat(r.status()).as("%s", r).isEqualTo(400);
    assertThat(r.bodyText()).doesNotContain("principal=");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/./health", "/api/../health", "/%68ealth", "/health;v=1"})
  void row24PassesOnlyWhatTheContainerServesFromTheExcludedServlet(String target) throws IOException {
    RawHttp.Response r = get(target);
    assertPassedAnonymously(r);
    assertThat(r.bodyText()).contains("path=/health\n");
  }

  // row 25: never the body

  @Test
  void row25RejectsAnUploadWithoutReadingItsBody() throws IOException {
    String head = "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
        + "Content-Length: 10485760\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n";
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), container.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(new byte[4096]);
      out.flush();
      // The rest of the 10 MB never comes: a filter or servlet that read the body would block here.
      InputStream in = socket.getInputStream();
      assertRefused(RawHttp.read(in, "POST"), 401, C0);
    }
  }

  // rows 26–30: signed URLs

  static String signed(String pathAndQuery, Duration lifetime) {
    return SignedUrl.sign(pathAndQuery, SECRET, lifetime, Clock.systemUTC());
  }

  @Test
  void row26AdmitsAValidSignedUrlOnGetAndHeadWithCacheControlPrivate() throws IOException {
    String url = signed("/api/stream?prompt=hi", Duration.ofMinutes(5));
    RawHttp.Response r = get(url);
    assertAdmitted(r, "atlas-signed-url");
    assertThat(r.header("Cache-Control")).isEqualTo("private");
    RawHttp.Response head = request("HEAD", url);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Cache-Control")).isEqualTo("private");
  }

  @Test
  void row27RejectsExpiredAndTamperedSignedUrls() throws IOException {
    assertRefused(get(signed("/api/stream?p=1", Duration.ofSeconds(-60))), 401, EXPIRED);
    String url = signed("/api/stream?p=1", Duration.ofMinutes(5));
    assertRefused(get(url.replace("/api/stream", "/api/other")), 401, BAD_URL);
    assertRefused(get(url + "&extra=1"), 401, BAD_URL);
    assertRefused(get(url.replaceAll("sig=[^&]+", "sig=" + "A".repeat(43))), 401, BAD_URL);
    assertRefused(get(url.replace("p=1", "p=2")), 401, BAD_URL);
  }

  @Test
  void row27RejectsASignedUrlValidForLongerThanSignedUrlMaxLifetimeSecondsAsExpired() throws IOException {
    assertRefused(get(signed("/capped/api/stream", Duration.ofHours(2))), 401, EXPIRED);
    assertAdmitted(get(signed("/capped/api/stream", Duration.ofMinutes(59))), "atlas-signed-url");
    assertAdmitted(get(signed("/api/stream", Duration.ofHours(2))), "atlas-signed-url"); // no cap: as upstream
  }

  @Test
  void row28RejectsMalformedSignedUrls() throws IOException {
    assertRefused(get("/api/stream?exp=99999999999"), 401, BAD_URL);
    assertRefused(get("/api/stream?sig=" + "A".repeat(43)), 401, BAD_URL);
    assertRefused(get("/api/stream?exp=soon&sig=" + "A".repeat(43)), 401, BAD_URL);
    assertRefused(get("/api/stream?exp=99999999999&sig=***"), 401, BAD_URL);
  }

  @Test
  void row29RejectsRepeatedExpOrSigWith400() throws IOException {
    String url = signed("/api/stream", Duration.ofMinutes(5));
    assertRefused(get(url + "&sig=x"), 400, REPEATED);
    assertRefused(get(url + "&exp=1"), 400, REPEATED);
  }

  @Test
  void row30RejectsSignedUrlsOnWriteMethods() throws IOException {
    String url = signed("/api/stream", Duration.ofMinutes(5));
    for (String method : List.of("POST", "PUT", "DELETE")) {
      assertRefused(request(method, url, "Content-Length: 0"), 401, C0);
    }
  }

  // row 31: re-dispatches of an admitted request

  @Test
  void row31AnAsyncRedispatchOfAnAdmittedRequestIsNotCheckedAgainAndKeepsItsPrincipal() throws IOException {
    RawHttp.Response r = get("/async", AUTH);
    assertAdmitted(r, "atlas-preshared-key");
    assertThat(r.bodyText()).contains("dispatch=ASYNC\n", "path=/api/echo\n");
    // A signed URL for /async no longer matches the request URI of the re-dispatch to /api/echo:
    // a second check would refuse it.
    RawHttp.Response signed = get(signed("/async", Duration.ofMinutes(5)));
    assertAdmitted(signed, "atlas-signed-url");
    assertThat(signed.bodyText()).contains("dispatch=ASYNC\n");
  }

  @Test
  void row31AnErrorDispatchOfAnAdmittedRequestIsNotCheckedAgainAndKeepsItsPrincipal() throws IOException {
    RawHttp.Response r = get(signed("/fail", Duration.ofMinutes(5)));
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).contains("dispatch=ERROR\n", "principal=atlas-signed-url\n", "authType=Bearer\n");
  }

  @Test
  void row31AnUnauthenticatedRequestNeverReachesTheAsyncServlet() throws IOException {
    assertRefused(get("/async"), 401, C0);
    assertRefused(get("/fail"), 401, C0);
  }

  // CORS answered by the filter (corsAllowedOrigins)

  @Test
  void answersAPreflightFromAnAllowedOriginWith204AndTheCorsHeaders() throws IOException {
    RawHttp.Response r = request("OPTIONS", "/cors/api/echo", "Origin: " + ORIGIN,
        "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: authorization");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers("Access-Control-Allow-Origin")).containsExactly(ORIGIN);
    assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    assertThat(r.header("Access-Control-Allow-Headers")).startsWith("Authorization, ");
    assertThat(r.header("Access-Control-Max-Age")).isEqualTo("600");
    assertThat(r.headers("Vary")).containsExactly("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    assertThat(r.headers("WWW-Authenticate")).isEmpty();
  }

  @Test
  void refusesAPreflightFromAnotherOriginWith403() throws IOException {
    RawHttp.Response r = request("OPTIONS", "/cors/api/echo", "Origin: https://evil.example", "Access-Control-Request-Method: POST");
    assertRefused(r, 403, null);
    assertThat(r.headers("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void puts401AndAdmittedResponsesForAnAllowedOriginUnderCors() throws IOException {
    RawHttp.Response refused = get("/cors/api/echo", "Origin: " + ORIGIN);
    assertRefused(refused, 401, C0);
    assertThat(refused.headers("Access-Control-Allow-Origin")).containsExactly(ORIGIN);
    assertThat(refused.header("Access-Control-Expose-Headers")).isEqualTo("WWW-Authenticate");
    assertThat(refused.headers("Vary")).containsExactly("Origin");
    RawHttp.Response admitted = get("/cors/api/echo", "Origin: " + ORIGIN, AUTH);
    assertAdmitted(admitted, "atlas-preshared-key");
    assertThat(admitted.headers("Access-Control-Allow-Origin")).containsExactly(ORIGIN);
    assertThat(get("/cors/api/echo", "Origin: https://evil.example").headers("Access-Control-Allow-Origin")).isEmpty();
  }

  // registration

  @Test
  void registerRefusesASecondFilterNamedAtlasBearerInTheSameContext() throws IOException {
    assertThat(secondRegistration.get()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a filter named atlas_bearer is already registered in context '/twice'");
    RawHttp.Response r = get("/twice/api/echo", AUTH);
    assertAdmitted(r, "atlas-preshared-key");
    assertThat(r.bodyText()).contains("filters=[atlas_bearer]\n");
  }

  private ServletContainerInitializer registeringTwice() {
    return (classes, ctx) -> {
      BearerAuthFilter.register(ctx, BearerAuthFilter.withEnvironment(ENV::get));
      try {
        BearerAuthFilter.register(ctx, BearerAuthFilter.withEnvironment(ENV::get));
      } catch (IllegalStateException e) {
        secondRegistration.set(e);
      }
      TestApps.servlets(ctx);
    };
  }

  /** Hands requests to a filter whose init it never calls: what "a request reached it before init" looks like. */
  static final class NeverInitialised implements Filter {
    private final Filter filter;

    NeverInitialised(Filter filter) {
      this.filter = filter;
    }

    @Override
    public void init(FilterConfig config) {}

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
      filter.doFilter(req, res, chain);
    }
  }
}
