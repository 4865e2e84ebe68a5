package dev.atlas.examples.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atlas.auth.SignedUrl;
import dev.atlas.auth.Token;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shaded jar, launched as a child process on each runtime, against the contract in
 * notes/inference-pod-contract.md: ready line, API, bearer key, signed URLs for SSE, CORS, and no
 * secret in its output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InferencePodIT {
  static final String K = Token.mint().token();
  static final String SECRET = "pod-signing-secret-0123456789abcdefghij";
  static final String ORIGIN = "http://localhost:8080";
  static final String C0 = "Bearer realm=\"atlas\"";
  static final String MODELS = "{\"models\":[{\"id\":\"atlas-toy-1\",\"object\":\"model\"}]}";
  static final Map<String, String> ENV = Map.of(
      "ATLAS_PRESHARED_KEY", K, "ATLAS_SIGNING_SECRET", SECRET, "ATLAS_CORS_ORIGINS", ORIGIN);

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private PodProcess jersey;
  private PodProcess resteasy;
  private URI jerseyBase;
  private URI resteasyBase;

  @BeforeAll
  void startPods() throws Exception {
    jersey = PodProcess.start(ENV, "--runtime", "jersey");
    resteasy = PodProcess.start(ENV, "--runtime", "resteasy");
    jerseyBase = jersey.awaitReady("jersey");
    resteasyBase = resteasy.awaitReady("resteasy");
  }

  @AfterAll
  void stopPods() throws Exception {
    for (PodProcess p : new PodProcess[] {jersey, resteasy}) {
      if (p != null) {
        p.close();
      }
    }
  }

  URI base(String runtime) {
    return runtime.equals("jersey") ? jerseyBase : resteasyBase;
  }

  PodProcess pod(String runtime) {
    return runtime.equals("jersey") ? jersey : resteasy;
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder get(String runtime, String pathAndQuery) {
    return HttpRequest.newBuilder(base(runtime).resolve(pathAndQuery));
  }

  HttpRequest.Builder generate(String runtime, String json) {
    return HttpRequest.newBuilder(base(runtime).resolve("/v1/generate"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  static void assert401(HttpResponse<String> r, String challenge) {
    assertThat(r.statusCode()).as("status, body %s", r.body()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
    assertThat(r.body()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jersey", "resteasy"})
  void healthIsOpenAndModelsNeedTheKey(String runtime) throws Exception {
    HttpResponse<String> health = send(get(runtime, "/health"));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    assert401(send(get(runtime, "/v1/models")), C0);
    HttpResponse<String> models = send(get(runtime, "/v1/models").header("Authorization", "Bearer " + K));
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(models.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(models.body()).isEqualTo(MODELS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jersey", "resteasy"})
  void generateIsDeterministicAndAnswersBadBodiesWith400Problems(String runtime) throws Exception {
    String json = "{\"prompt\":\"the pod\",\"max_tokens\":5}";
    HttpResponse<String> first = send(generate(runtime, json).header("Authorization", "Bearer " + K));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).startsWith("{\"model\":\"atlas-toy-1\",\"text\":\"").contains("\"tokens\":[");
    assertThat(send(generate(runtime, json).header("Authorization", "Bearer " + K)).body()).isEqualTo(first.body());
    assertThat(send(generate("jersey".equals(runtime) ? "resteasy" : "jersey", json).header("Authorization", "Bearer " + K)).body())
        .as("same model on both runtimes").isEqualTo(first.body());
    for (String bad : new String[] {"{", "[]", "{\"prompt\":3}", "{\"prompt\":\"\"}", "{\"prompt\":\"x\",\"max_tokens\":0}",
        "{\"prompt\":\"x\",\"max_tokens\":1.5}", "{\"prompt\":\"x\",\"max_tokens\":1e999999}"}) {
      HttpResponse<String> r = send(generate(runtime, bad).header("Authorization", "Bearer " + K));
      assertThat(r.statusCode()).as("status for %s", bad).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(r.body()).startsWith("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"");
    }
    assert401(send(generate(runtime, json)), C0);
  }

  static final Pattern EVENT = Pattern.compile("event: ?(\\w+)\\ndata: ?(.*)\\n");

  static List<String> events(String body) {
    Matcher m = EVENT.matcher(body.replace("\r\n", "\n"));
    List<String> events = new java.util.ArrayList<>();
    while (m.find()) {
      events.add(m.group(1) + " " + m.group(2));
    }
    return events;
  }

  @ParameterizedTest
  @ValueSource(strings = {"jersey", "resteasy"})
  void streamWorksWithASignedUrlAsAnEventSourceWouldUseIt(String runtime) throws Exception {
    String url = SignedUrl.sign("/v1/stream?prompt=the+pod&max_tokens=3", SECRET, Duration.ofMinutes(5), Clock.systemUTC());
    HttpResponse<String> r = send(get(runtime, url).header("Accept", "text/event-stream").header("Origin", ORIGIN));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("private");
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    List<String> events = events(r.body());
    assertThat(events).hasSize(4).last().isEqualTo("done {}");
    HttpResponse<String> generated = send(generate(runtime, "{\"prompt\":\"the pod\",\"max_tokens\":3}").header("Authorization", "Bearer " + K));
    for (String event : events.subList(0, 3)) {
      assertThat(event).startsWith("token {\"token\":\"");
      assertThat(generated.body()).contains(event.substring("token {\"token\":".length(), event.length() - 1));
    }
    HttpResponse<String> withHeader = send(get(runtime, "/v1/stream?prompt=the+pod&max_tokens=3").header("Authorization", "Bearer " + K));
    assertThat(events(withHeader.body())).isEqualTo(events);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jersey", "resteasy"})
  void streamIsRefusedWithAnExpiredOrTamperedSignedUrl(String runtime) throws Exception {
    String expired = SignedUrl.sign("/v1/stream?prompt=a", SECRET, Duration.ofSeconds(-1), Clock.systemUTC());
    assert401(send(get(runtime, expired)), C0 + ", error=\"invalid_token\", error_description=\"The signed URL has expired\"");
    String url = SignedUrl.sign("/v1/stream?prompt=a", SECRET, Duration.ofMinutes(5), Clock.systemUTC());
    assert401(send(get(runtime, url.replace("prompt=a", "prompt=b"))), C0 + ", error=\"invalid_token\", error_description=\"The signed URL is invalid\"");
    assert401(send(get(runtime, "/v1/stream?prompt=a&access_token=" + K)), C0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jersey", "resteasy"})
  void unknownPathsAnswer401AndTwoAuthorizationHeaders400(String runtime) throws Exception {
    assert401(send(get(runtime, "/v1/secret-admin")), C0);
    assertThat(send(get(runtime, "/v1/secret-admin").header("Authorization", "Bearer " + K)).statusCode()).isEqualTo(404);
    HttpResponse<String> two = send(get(runtime, "/v1/models").header("Authorization", "Bearer " + K).header("Authorization", "Bearer " + K));
    assertThat(two.statusCode()).isEqualTo(400);
    assertThat(two.headers().firstValue("WWW-Authenticate")).hasValue(
        C0 + ", error=\"invalid_request\", error_description=\"Only one Authorization header is allowed\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jersey", "resteasy"})
  void corsPreflightIsAnsweredAnd401sCarryCorsHeaders(String runtime) throws Exception {
    HttpResponse<String> preflight = send(get(runtime, "/v1/generate")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type"));
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(h -> assertThat(h).contains("Authorization"));
    HttpResponse<String> refused = send(get(runtime, "/v1/models").header("Origin", ORIGIN));
    assert401(refused, C0);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
    assertThat(refused.headers().firstValue("Access-Control-Expose-Headers")).hasValue("WWW-Authenticate");
    assertThat(refused.headers().allValues("Vary")).contains("Origin");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jersey", "resteasy"})
  void printsOnlyTheReadyLineAndNeverASecret(String runtime) throws Exception {
    send(get(runtime, "/v1/models").header("Authorization", "Bearer " + K.substring(1) + "x"));
    send(get(runtime, "/v1/models?access_token=" + K));
    send(get(runtime, SignedUrl.sign("/v1/models", SECRET, Duration.ofSeconds(-1), Clock.systemUTC())));
    assertThat(pod(runtime).stdout()).hasSize(1).allMatch(l -> l.startsWith("inference-pod ready on port "));
    String stderr = pod(runtime).stderr();
    assertThat(stderr).doesNotContain(K).doesNotContain(K.substring(1)).doesNotContain(SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jersey", "resteasy"})
  void withoutAKeyItRefusesToStartSayingWhatToSet(String runtime) throws Exception {
    try (PodProcess p = PodProcess.start(Map.of("ATLAS_SIGNING_SECRET", SECRET), "--runtime", runtime)) {
      assertThat(p.awaitExit()).isEqualTo(1);
      assertThat(p.stdout()).isEmpty();
      assertThat(p.stderr()).contains("inference-pod: cannot start: no preshared key: set ATLAS_PRESHARED_KEY").doesNotContain(SECRET);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jersey", "resteasy"})
  void noAuthOpensEveryEndpointForLoadComparisons(String runtime) throws Exception {
    try (PodProcess p = PodProcess.start(Map.of(), "--runtime", runtime, "--no-auth")) {
      URI base = p.awaitReady(runtime);
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo(MODELS);
      assertThat(p.stderr()).contains("--no-auth");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jersey", "resteasy"})
  void aPortInUseExitsWith1SayingSo(String runtime) throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0);
        PodProcess p = PodProcess.start(Map.of("ATLAS_PRESHARED_KEY", K, "PORT", Integer.toString(taken.getLocalPort())), "--runtime", runtime)) {
      assertThat(p.awaitExit()).isEqualTo(1);
      assertThat(p.stdout()).isEmpty();
      assertThat(p.stderr()).contains("inference-pod: cannot start the " + runtime + " server on port " + taken.getLocalPort()).doesNotContain(K);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"--runtime=tomcat", "--verbose"})
  void aBadArgumentExitsWith2AndTheUsage(String arg) throws Exception {
    try (PodProcess p = PodProcess.start(ENV, arg)) {
      assertThat(p.awaitExit()).isEqualTo(2);
      assertThat(p.stderr()).contains("unknown argument '" + arg + "'").contains(PodOptions.USAGE).doesNotContain(K);
    }
  }
}
