package dev.atlas.auth.jaxrs;

import static dev.atlas.auth.jaxrs.ContractApps.K;
import static dev.atlas.auth.jaxrs.ContractApps.ORIGIN;
import static dev.atlas.auth.jaxrs.ContractApps.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atlas.auth.SignedUrl;
import jakarta.ws.rs.core.Application;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JAX-RS filter's behaviour over real HTTP, one suite for every runtime: each row of
 * http-auth-rules.md §6, {@code @PermitAll}, unknown paths, signed URLs with SSE, CORS.
 *
 * <p>A runtime's test extends this and deploys an {@link Application}. Most rows run against two
 * applications: one with {@code @PermitAll} methods (refusals decided after matching) and one
 * without (refusals answered before matching), since the filter takes a different path in each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class JaxrsBearerContract {
  static final String C0 = "Bearer realm=\"atlas\"";
  static final String CT_MALFORMED = C0 + ", error=\"invalid_token\", error_description=\"The access token is malformed\"";
  static final String CT_WRONG = C0 + ", error=\"invalid_token\", error_description=\"The access token is invalid\"";
  static final String CT_EXPIRED = C0 + ", error=\"invalid_token\", error_description=\"The signed URL has expired\"";
  static final String CT_BAD_URL = C0 + ", error=\"invalid_token\", error_description=\"The signed URL is invalid\"";
  static final String CR = C0 + ", error=\"invalid_request\", error_description=\"Only one Authorization header is allowed\"";
  static final String CR_SIGNED = C0 + ", error=\"invalid_request\", error_description=\"The signed URL repeats exp or sig\"";
  static final String BEARER_K = "Authorization: Bearer " + K;

  /** A deployed application. */
  public interface Deployment extends AutoCloseable {
    /** {@code http://127.0.0.1:port} */
    URI base();

    /** Stops the server; failures are unchecked. */
    @Override
    void close();
  }

  /** Deploys {@code app} on this runtime on 127.0.0.1 and a free port; throws if it fails to start. */
  protected abstract Deployment deploy(Application app) throws Exception;

  /** Target of a test: a deployment and its counter of protected writes. */
  record Target(String name, Deployment deployment, ContractResources.Protected api) {
    URI base() {
      return deployment.base();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private Target deferred;
  private Target immediate;
  private Target keyless;

  @BeforeAll
  void deployAll() throws Exception {
    deferred = target("with @PermitAll", ContractApps::deferred);
    immediate = target("without @PermitAll", ContractApps::immediate);
    keyless = target("keyless", ContractApps::keyless);
  }

  private Target target(String name, java.util.function.Function<ContractResources.Protected, Application> app) throws Exception {
    ContractResources.Protected api = new ContractResources.Protected();
    return new Target(name, deploy(app.apply(api)), api);
  }

  @AfterAll
  void undeployAll() throws Exception {
    for (Target t : new Target[] {deferred, immediate, keyless}) {
      if (t != null) {
        t.deployment().close();
      }
    }
  }

  Stream<Target> targets() {
    return Stream.of(deferred, immediate);
  }

  static RawHttp.Response get(Target t, String target, String... headers) {
    return RawHttp.send(t.base(), "GET", target, headers);
  }

  static void assertRefused(RawHttp.Response r, int status, String challenge) {
    assertThat(r.status()).as("status of\n%s", r).isEqualTo(status);
    assertThat(r.header("WWW-Authenticate")).as("challenge of\n%s", r).isEqualTo(challenge);
    assertThat(r.body()).as("body of\n%s", r).isEmpty();
    String length = r.header("Content-Length");
    if (length != null) {
      assertThat(length).isEqualTo("0");
    }
  }

  static void assertOk(RawHttp.Response r, String body) {
    assertThat(r.status()).as("status of\n%s", r).isEqualTo(200);
    assertThat(r.text()).isEqualTo(body);
    assertThat(r.header("WWW-Authenticate")).isNull();
  }

  static String whoami(String principal) {
    return principal + " Bearer secure=false inRole=false";
  }

  // ---- §6 rows 1-18: the Authorization header ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row01NoAuthorizationIs401WithBareChallenge(Target t) {
    assertRefused(get(t, "/api/whoami"), 401, C0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row02BasicSchemeIs401WithBareChallenge(Target t) {
    assertRefused(get(t, "/api/whoami", "Authorization: Basic dXNlcjpw"), 401, C0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void rows03to04BearerWithoutTokenIs401Malformed(Target t) {
    assertRefused(get(t, "/api/whoami", "Authorization: Bearer"), 401, CT_MALFORMED);
    assertRefused(get(t, "/api/whoami", "Authorization: Bearer "), 401, CT_MALFORMED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void rows05to07BearerKeyPassesWhateverTheSchemeCaseAndSpaces(Target t) {
    for (String prefix : new String[] {"Bearer ", "bearer ", "BEARER ", "Bearer  ", "Bearer    "}) {
      assertOk(get(t, "/api/whoami", "Authorization: " + prefix + K), whoami("atlas-preshared-key"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void rows08to10MalformedBearerIs401Malformed(Target t) {
    for (String value : new String[] {"Bearer\t" + K, "Bearer" + K, "Bearer " + K + " junk", "Bearer " + K + ",Bearer " + K}) {
      assertRefused(get(t, "/api/whoami", "Authorization: " + value), 401, CT_MALFORMED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row11TwoAuthorizationFieldsAre400EvenWhenBothAreRight(Target t) {
    assertRefused(get(t, "/api/whoami", BEARER_K, BEARER_K), 400, CR);
    assertRefused(get(t, "/api/whoami", BEARER_K, "Authorization: Basic dXNlcjpw"), 400, CR);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void rows12to13WrongKeysAre401Invalid(Target t) {
    char last = K.charAt(K.length() - 1);
    String sameLength = K.substring(0, K.length() - 1) + (last == 'A' ? 'B' : 'A');
    for (String wrong : new String[] {sameLength, "a", K.substring(0, 42), K + "x", K + "="}) {
      assertRefused(get(t, "/api/whoami", "Authorization: Bearer " + wrong), 401, CT_WRONG);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row13TokenOverTheCapIs401MalformedBeforeAnyComparison(Target t) {
    assertRefused(get(t, "/api/whoami", "Authorization: Bearer " + "A".repeat(4096)), 401, CT_MALFORMED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row14NonAsciiTokenIs401MalformedAndNeverEchoed(Target t) {
    RawHttp.Response r = get(t, "/api/whoami", "Authorization: Bearer " + K.substring(0, 42) + "\u00e9");
    assertRefused(r, 401, CT_MALFORMED);
    assertThat(r.toString()).doesNotContain(K.substring(0, 42));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row14ControlByteIsRefusedByTheContainerOrAs401Malformed(Target t) {
    RawHttp.Response r = get(t, "/api/whoami", "Authorization: Bearer " + K.substring(0, 42) + "\u0001");
    if (r.status() == 400) {
      assertThat(r.toString()).doesNotContain(K.substring(0, 42)); // the container refused the request line
    } else {
      assertRefused(r, 401, CT_MALFORMED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row15HeaderOverTheContainerLimitNeverPasses(Target t) {
    RawHttp.Response r = get(t, "/api/whoami", "Authorization: Bearer " + "A".repeat(64 * 1024));
    if (r.status() == 401) {
      assertRefused(r, 401, CT_MALFORMED); // the container let it through: our cap refused it
    } else {
      assertThat(r.status()).as("status of\n%s", r).isIn(400, 413, 431);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row16OtherCarriersOfTheKeyAre401WithBareChallenge(Target t) {
    assertRefused(get(t, "/api/whoami", "Proxy-Authorization: Bearer " + K), 401, C0);
    assertRefused(get(t, "/api/whoami", "X-Api-Key: " + K), 401, C0);
    assertRefused(get(t, "/api/whoami", "Cookie: Bearer=" + K), 401, C0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void rows17to18KeyInTheQueryIsNeverHonoured(Target t) {
    assertOk(get(t, "/api/whoami?access_token=" + K, BEARER_K), whoami("atlas-preshared-key"));
    assertRefused(get(t, "/api/whoami?access_token=" + K), 401, C0);
  }

  // ---- rows 19-25: key, preflight, HEAD, exclusions, body ----

  @Test
  void row19WithoutKeyEveryProtectedRequestIs503WithEmptyBody() {
    RawHttp.Response r = get(keyless, "/api/whoami", BEARER_K);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.body()).isEmpty();
    assertThat(r.header("WWW-Authenticate")).isNull();
  }

  @Test
  void row19StartFailsWithoutKeySayingWhatToSet() {
    assertThatThrownBy(() -> deploy(ContractApps.withoutKeyInEnvironment()).close())
        .satisfies(e -> assertThat(messages(e)).contains("set ATLAS_PRESHARED_KEY"));
  }

  @Test
  void startFailsOnAnUnknownPropertyNamingIt() {
    assertThatThrownBy(() -> deploy(ContractApps.withUnknownProperty()).close())
        .satisfies(e -> assertThat(messages(e)).contains("unknown setting 'exludePaths'"));
  }

  /** Every message in the cause chain, joined: runtimes wrap a failed start in their own exceptions. */
  static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause()) {
      all.append(c.getMessage()).append(" | ");
    }
    return all.toString();
  }

  @Test
  void row20PreflightPassesOnToTheApplicationWhenCorsIsNotConfiguredHere() {
    RawHttp.Response r = RawHttp.send(keyless.base(), "OPTIONS", "/api/whoami",
        "Origin: " + ORIGIN, "Access-Control-Request-Method: GET");
    assertThat(r.status()).as("status of\n%s", r).isBetween(200, 299);
    assertThat(r.header("WWW-Authenticate")).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row20PreflightFromAnAllowedOriginIsAnswered204(Target t) {
    RawHttp.Response r = RawHttp.send(t.base(), "OPTIONS", "/api/whoami",
        "Origin: " + ORIGIN, "Access-Control-Request-Method: GET", "Access-Control-Request-Headers: authorization");
    assertThat(r.status()).as("status of\n%s", r).isEqualTo(204);
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    assertThat(r.header("Access-Control-Allow-Headers")).startsWith("Authorization, ");
    assertThat(r.header("Access-Control-Max-Age")).isEqualTo("600");
    assertThat(r.header("Vary")).isEqualTo("Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    assertThat(r.header("WWW-Authenticate")).isNull();
    assertThat(r.body()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void preflightFromAnotherOriginIs403WithoutCorsHeaders(Target t) {
    RawHttp.Response r = RawHttp.send(t.base(), "OPTIONS", "/api/whoami",
        "Origin: http://evil.example", "Access-Control-Request-Method: GET");
    assertThat(r.status()).as("status of\n%s", r).isEqualTo(403);
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    assertThat(r.body()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row21OptionsThatIsNotAPreflightIs401(Target t) {
    assertRefused(RawHttp.send(t.base(), "OPTIONS", "/api/whoami"), 401, C0);
    assertRefused(RawHttp.send(t.base(), "OPTIONS", "/api/whoami", "Origin: " + ORIGIN), 401, C0);
    assertRefused(RawHttp.send(t.base(), "OPTIONS", "/api/whoami", "Access-Control-Request-Method: GET"), 401, C0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row22HeadIsAuthenticatedLikeGet(Target t) {
    assertRefused(RawHttp.send(t.base(), "HEAD", "/api/whoami"), 401, C0);
    RawHttp.Response ok = RawHttp.send(t.base(), "HEAD", "/api/whoami", BEARER_K);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row23ExcludedPathsPassWithoutLookingAtAuthorization(Target t) {
    assertOk(get(t, "/status"), "status");
    assertOk(get(t, "/status", "Authorization: Bearer wrong"), "status");
    assertOk(get(t, "/status", BEARER_K, BEARER_K), "status");
    assertOk(get(t, "/metrics/jvm", "Authorization: Basic dXNlcjpw"), "metrics");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row24PathsThatOnlyLookExcludedAre401(Target t) {
    for (String path : new String[] {"/statusz", "/STATUS", "/status/../api/whoami", "/api;x=/status", "/api/whoami;/status"}) {
      assertRefused(get(t, path), 401, C0);
    }
  }

  /** A catch-all template sees dot segments the router did not resolve: they must not pass as /status. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row24DotSegmentsUnderACatchAllTemplateNeverReachAnExclusion(Target t) {
    int reads = t.api().fileReads.get();
    for (String path : new String[] {
        "/api/files/x/../../../status", "/api/files/x%2F..%2F..%2F..%2Fstatus", "/api/files/x/..%2F..%2F..%2Fstatus",
        "/api/files/%2E%2E/%2E%2E/status", "/./status"}) {
      RawHttp.Response r = get(t, path);
      if (r.status() != 400) { // a container may refuse an encoded slash or dot segment outright
        assertRefused(r, 401, C0);
      }
    }
    assertThat(t.api().fileReads.get()).isEqualTo(reads);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row25UploadWithoutTokenIs401AndNoEntityIsEverRead(Target t) {
    int writes = t.api().writes.get();
    int reads = t.api().reads.count.get();
    byte[] body = ("--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\n"
        + "x".repeat(64 * 1024) + "\r\n--xyz--\r\n").getBytes(StandardCharsets.US_ASCII);
    RawHttp.Response r = RawHttp.exchange(t.base(), RawHttp.head(t.base(), "POST", "/api/count",
        "Content-Type: multipart/form-data; boundary=xyz", "Content-Length: " + body.length), body);
    assertRefused(r, 401, C0);
    assertThat(t.api().reads.count.get()).as("entities read").isEqualTo(reads);
    assertThat(t.api().writes.get()).as("writes").isEqualTo(writes);
  }

  // ---- rows 26-30: signed URLs ----

  static String signed(String pathAndQuery, Duration expiresIn) {
    return SignedUrl.sign(pathAndQuery, SECRET, expiresIn, Clock.systemUTC());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row26ValidSignedUrlPassesOnGetAndHeadAndIsPrivate(Target t) {
    String url = signed("/api/whoami?view=1", Duration.ofMinutes(5));
    RawHttp.Response r = get(t, url);
    assertOk(r, whoami("atlas-signed-url"));
    assertThat(r.header("Cache-Control")).isEqualTo("private");
    assertThat(RawHttp.send(t.base(), "HEAD", url).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row27ExpiredOrTamperedSignedUrlsAre401(Target t) {
    assertRefused(get(t, signed("/api/whoami", Duration.ofSeconds(-5))), 401, CT_EXPIRED);
    String url = signed("/api/whoami?view=1", Duration.ofMinutes(5));
    assertRefused(get(t, url.replace("/api/whoami", "/api/events")), 401, CT_BAD_URL);
    assertRefused(get(t, url + "&extra=1"), 401, CT_BAD_URL);
    assertRefused(get(t, url.replace("view=1", "view=2")), 401, CT_BAD_URL);
    int sig = url.indexOf("sig=") + 4;
    char c = url.charAt(sig);
    assertRefused(get(t, url.substring(0, sig) + (c == 'A' ? 'B' : 'A') + url.substring(sig + 1)), 401, CT_BAD_URL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row28MalformedSignedUrlsAre401(Target t) {
    String url = signed("/api/whoami", Duration.ofMinutes(5));
    String exp = url.substring(url.indexOf("exp="), url.indexOf('&'));
    assertRefused(get(t, "/api/whoami?" + exp), 401, CT_BAD_URL);
    assertRefused(get(t, url.replace(exp, "")), 401, CT_BAD_URL);
    assertRefused(get(t, url.replace(exp, "exp=soon")), 401, CT_BAD_URL);
    assertRefused(get(t, url.replaceAll("sig=.*", "sig=not*base64")), 401, CT_BAD_URL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row29RepeatedSignedParametersAre400(Target t) {
    String url = signed("/api/whoami", Duration.ofMinutes(5));
    String sig = url.substring(url.indexOf("sig="));
    assertRefused(get(t, url + "&" + sig), 400, CR_SIGNED);
    assertRefused(get(t, url + "&exp=1"), 400, CR_SIGNED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void row30SignedUrlOnPostIs401AndTheMethodNeverRuns(Target t) {
    int before = t.api().writes.get();
    String url = signed("/api/count", Duration.ofMinutes(5));
    assertRefused(RawHttp.send(t.base(), "POST", url, "Content-Length: 0"), 401, C0);
    assertThat(t.api().writes.get()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void sseStreamsWithASignedUrlOrTheHeader(Target t) {
    for (RawHttp.Response r : new RawHttp.Response[] {
        get(t, signed("/api/events?topic=a", Duration.ofMinutes(5)), "Accept: text/event-stream"),
        get(t, "/api/events", "Accept: text/event-stream", BEARER_K)}) {
      assertThat(r.status()).as("status of\n%s", r).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("text/event-stream");
      assertThat(r.text()).contains("event: tick\ndata: tick 1\n\n").contains("data: tick 3\n");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void sseIsRefusedWithAnExpiredOrTamperedSignedUrl(Target t) {
    assertRefused(get(t, signed("/api/events", Duration.ofSeconds(-1)), "Accept: text/event-stream"), 401, CT_EXPIRED);
    String url = signed("/api/events?topic=a", Duration.ofMinutes(5));
    assertRefused(get(t, url.replace("topic=a", "topic=b"), "Accept: text/event-stream"), 401, CT_BAD_URL);
  }

  // ---- what exists, what is open, who the caller is ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void unknownPathsAre401NotAnswered404(Target t) {
    assertRefused(get(t, "/nowhere"), 401, C0);
    assertRefused(get(t, "/api/nowhere", "Authorization: Bearer wrong"), 401, CT_WRONG);
    assertRefused(RawHttp.send(t.base(), "DELETE", "/api/whoami"), 401, C0);
    assertThat(get(t, "/nowhere", BEARER_K).status()).isEqualTo(404);
    assertThat(RawHttp.send(t.base(), "DELETE", "/api/whoami", BEARER_K).status()).isEqualTo(405);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void protectedWriteNeverRunsForARefusedRequest(Target t) {
    int before = t.api().writes.get();
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertRefused(RawHttp.exchange(t.base(), RawHttp.head(t.base(), "POST", "/api/count", "Content-Length: 3", "Content-Type: text/plain"), abc), 401, C0);
    assertRefused(RawHttp.send(t.base(), "POST", "/api/count", "Content-Length: 0", "Authorization: Bearer wrong"), 401, CT_WRONG);
    assertRefused(RawHttp.send(t.base(), "POST", "/api/count", "Content-Length: 0", BEARER_K, BEARER_K), 400, CR);
    assertThat(t.api().writes.get()).isEqualTo(before);
    int reads = t.api().reads.count.get();
    RawHttp.Response ok = RawHttp.exchange(t.base(),
        RawHttp.head(t.base(), "POST", "/api/count", "Content-Length: 3", "Content-Type: text/plain", BEARER_K),
        abc);
    assertOk(ok, "count=" + (before + 1) + " bytes=3");
    assertThat(t.api().reads.count.get()).as("the admitted entity was read through the interceptor").isEqualTo(reads + 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void admittedRequestCarriesTheBearerSecurityContext(Target t) {
    assertOk(get(t, "/api/whoami", BEARER_K), whoami("atlas-preshared-key"));
  }

  @Test
  void permitAllMethodsAreOpenWhateverTheAuthorizationHeader() {
    assertOk(get(deferred, "/health"), "ok");
    assertOk(get(deferred, "/health", "Authorization: Bearer wrong"), "ok");
    assertOk(get(deferred, "/health", BEARER_K, BEARER_K), "ok");
    assertOk(get(deferred, "/health", BEARER_K), "ok");
    assertOk(get(deferred, "/mixed/open"), "open");
    assertOk(get(deferred, "/public"), "public");
  }

  @Test
  void methodsWithoutPermitAllStayProtectedBesideOpenOnes() {
    assertRefused(get(deferred, "/mixed/closed"), 401, C0);
    assertRefused(get(deferred, "/public/admin"), 401, C0);
    assertRefused(get(deferred, "/public/never"), 401, C0);
    assertRefused(RawHttp.send(deferred.base(), "DELETE", "/health"), 401, C0);
    assertOk(get(deferred, "/mixed/closed", BEARER_K), "closed");
  }

  // ---- CORS on every response ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void corsHeadersAreOn401sAndOnTheApplicationsResponses(Target t) {
    for (RawHttp.Response r : new RawHttp.Response[] {
        get(t, "/api/whoami", "Origin: " + ORIGIN),
        get(t, "/nowhere", "Origin: " + ORIGIN),
        get(t, "/api/whoami", "Origin: " + ORIGIN, BEARER_K),
        get(t, "/status", "Origin: " + ORIGIN)}) {
      assertThat(r.header("Access-Control-Allow-Origin")).as("%s", r).isEqualTo(ORIGIN);
      assertThat(r.header("Access-Control-Expose-Headers")).isEqualTo("WWW-Authenticate");
      assertThat(r.all("Vary")).contains("Origin");
    }
    assertThat(get(t, "/api/whoami", "Origin: http://evil.example").header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void corsHeadersAreOnOpenAndRewrittenResponses() {
    RawHttp.Response health = get(deferred, "/health", "Origin: " + ORIGIN);
    assertOk(health, "ok");
    assertThat(health.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    RawHttp.Response closed = get(deferred, "/mixed/closed", "Origin: " + ORIGIN);
    assertRefused(closed, 401, C0);
    assertThat(closed.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
  }
}
