package dev.atlas.demo.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeStatus;
import dev.atlas.spawn.local.LocalComputeProvider;
import dev.atlas.spawn.testpod.StandInPods;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo's HTTP API against real local pods (a stand-in inference pod in a child JVM). */
class ControlPlaneTest {
  private static final Duration TTL = Duration.ofMinutes(1);

  private final MutableClock clock = new MutableClock();
  private final HttpClient http = HttpClient.newHttpClient();
  private ControlPlane plane;

  @AfterEach
  void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  private ControlPlane start(String podCommand, int maxSessions) {
    plane = ControlPlane.start(0, port ->
        new DemoConfig(podCommand, TTL, Duration.ofSeconds(60), maxSessions, DemoConfig.originsFor(port), clock));
    return plane;
  }

  private String origin() {
    return "http://localhost:" + plane.url().getPort();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> openSession(String origin) throws Exception {
    return send(HttpRequest.newBuilder(plane.url().resolve("/sessions"))
        .header("Origin", origin).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  private static JsonObject json(HttpResponse<String> response) {
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  private HttpResponse<String> call(String method, String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(plane.url().resolve(path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request);
  }

  private long podPid(String id) {
    return ((LocalComputeProvider) plane.spawner().provider()).pid(id).orElseThrow();
  }

  @Test
  void servesThePageWithAStrictContentSecurityPolicy() throws Exception {
    start(StandInPods.command(), 1);

    HttpResponse<String> page = call("GET", "/", null);
    HttpResponse<String> script = call("GET", "/app.js", null);
    HttpResponse<String> missing = call("GET", "/secrets.txt", null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html;charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy")).contains(PageResource.CSP);
    assertThat(page.body()).contains("<button id=\"start\"");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript;charset=utf-8");
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void aSessionIsAPodTheBrowserCallsDirectlyWithTheTokenAndEndsWithIt() throws Exception {
    start(StandInPods.command(), 2);

    HttpResponse<String> opened = openSession(origin());

    assertThat(opened.statusCode()).isEqualTo(201);
    assertThat(opened.headers().firstValue("Cache-Control")).contains("no-store");
    JsonObject body = json(opened);
    String id = body.getString("id");
    String token = body.getString("token");
    URI pod = URI.create(body.getString("url"));
    assertThat(pod.toString()).startsWith("http://127.0.0.1:");
    assertThat(token).hasSize(43);

    HttpResponse<String> preflight = send(HttpRequest.newBuilder(pod.resolve("/v1/stream"))
        .header("Origin", origin()).header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(origin());
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
        h -> assertThat(h).containsIgnoringCase("authorization"));
    HttpResponse<String> stream = send(HttpRequest.newBuilder(URI.create(pod + "/v1/stream?prompt=hi&max_tokens=4"))
        .header("Authorization", "Bearer " + token));
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body()).contains("event: done");

    HttpResponse<String> noToken = call("DELETE", "/sessions/" + id, null);
    HttpResponse<String> wrongToken = call("DELETE", "/sessions/" + id, "Bearer " + "A".repeat(43));
    HttpResponse<String> twoSchemes = call("DELETE", "/sessions/" + id, "Basic " + token);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(noToken.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"atlas-control-plane\"");
    assertThat(wrongToken.statusCode()).isEqualTo(401);
    assertThat(twoSchemes.statusCode()).isEqualTo(401);
    assertThat(call("POST", "/sessions/" + id + "/heartbeat", "Bearer " + token).statusCode()).isEqualTo(204);

    long pid = podPid(id);
    assertThat(call("DELETE", "/sessions/" + id, "Bearer " + token).statusCode()).isEqualTo(204);

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(plane.spawner().get(id).map(Compute::status)).contains(ComputeStatus.TERMINATED);
    assertThat(call("DELETE", "/sessions/" + id, "Bearer " + token).statusCode()).isEqualTo(404);
    assertThat(call("POST", "/sessions/" + id + "/heartbeat", "Bearer " + token).statusCode()).isEqualTo(404);
  }

  @Test
  void idleSessionsAreTerminatedAfterTheTtlWhileHeartbeatsKeepOthersOpen() throws Exception {
    start(StandInPods.command(), 2);
    JsonObject kept = json(openSession(origin()));
    JsonObject idle = json(openSession(origin()));
    long idlePid = podPid(idle.getString("id"));

    clock.advance(TTL.multipliedBy(2).dividedBy(3));
    assertThat(call("POST", "/sessions/" + kept.getString("id") + "/heartbeat",
        "Bearer " + kept.getString("token")).statusCode()).isEqualTo(204);
    clock.advance(TTL.multipliedBy(2).dividedBy(3));
    List<String> reaped = plane.sessions().reapIdle();

    assertThat(reaped).containsExactly(idle.getString("id"));
    assertThat(ProcessHandle.of(idlePid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(plane.sessions().ids()).containsExactly(kept.getString("id"));
    assertThat(call("POST", "/sessions/" + idle.getString("id") + "/heartbeat",
        "Bearer " + idle.getString("token")).statusCode()).isEqualTo(404);
  }

  @Test
  void whenEveryPodIsInUseANewSessionGets503WithRetryAfter() throws Exception {
    start(StandInPods.command(), 1);
    assertThat(openSession(origin()).statusCode()).isEqualTo(201);

    HttpResponse<String> refused = openSession(origin());

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).contains("30");
    assertThat(json(refused).getString("error")).isEqualTo("too_many_sessions");
    assertThat(plane.spawner().list()).hasSize(1);
  }

  @Test
  void anotherOriginCannotOpenASession() throws Exception {
    start(StandInPods.command(), 1);

    HttpResponse<String> refused = openSession("http://evil.example");
    HttpResponse<String> notJson = send(HttpRequest.newBuilder(plane.url().resolve("/sessions"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).getString("error")).isEqualTo("forbidden_origin");
    assertThat(notJson.statusCode()).isEqualTo(415);
    assertThat(plane.spawner().list()).isEmpty();
  }

  @Test
  void aPodThatCannotStartAnswers502AndLeavesNothingRunning() throws Exception {
    start("sh -c 'echo no model >&2; exit 1'", 1);

    HttpResponse<String> failed = openSession(origin());
    HttpResponse<String> again = openSession(origin());

    assertThat(failed.statusCode()).isEqualTo(502);
    assertThat(json(failed).getString("error")).isEqualTo("provider");
    assertThat(json(failed).getString("message")).endsWith("is FAILED (process exited with code 1)");
    assertThat(again.statusCode()).isEqualTo(502); // the slot was given back
    assertThat(plane.spawner().list()).extracting(Compute::status).containsOnly(ComputeStatus.TERMINATED);
    assertThat(plane.sessions().ids()).isEmpty();
  }
}
