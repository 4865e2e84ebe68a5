package dev.atlas.spawn.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.atlas.spawn.runpod.FakeRunPod.Fault;
import dev.atlas.spawn.runpod.FakeRunPod.Route;
import dev.atlas.spawn.runpod.RunPodApiException.Failure;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunPodClientTest {
  private static final String SECRET = "pod-secret-VALUE-0123456789abcdefghijk";

  private final FakeRunPod fake = FakeRunPod.start(FakeSetup.API_KEY);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final RunPodClient client = RunPodClient.create(FakeSetup.config(fake, sleeper).build());

  @AfterEach
  void stop() {
    fake.close();
  }

  private static PodSpec spec(String name) {
    return PodSpec.builder(name, "NVIDIA GeForce RTX 4090").image("ghcr.io/example/pod:1")
        .port("8000/http").env("ATLAS_PRESHARED_KEY", SECRET).build();
  }

  private JsonObject lastBody() {
    List<FakeRunPod.Request> rs = fake.requests();
    return Json.createReader(new StringReader(rs.get(rs.size() - 1).body())).readObject();
  }

  @Test
  void sendsTheApiKeyOnlyAsOneBearerAuthorizationHeader() {
    client.createPod(spec("atlas-test-a1"));
    client.listPods();

    for (FakeRunPod.Request r : fake.requests()) {
      assertThat(r.headers().get("Authorization")).containsExactly("Bearer " + FakeSetup.API_KEY);
      assertThat(r.target()).doesNotContain(FakeSetup.API_KEY);
      r.headers().forEach((name, values) -> {
        if (!name.equalsIgnoreCase("Authorization")) {
          assertThat(values.toString()).doesNotContain(FakeSetup.API_KEY);
        }
      });
      assertThat(r.body()).doesNotContain(FakeSetup.API_KEY);
    }
  }

  @Test
  void createSendsExactlyTheFieldsSetAndTheFakeSchemaAcceptsThem() {
    Pod pod = client.createPod(spec("atlas-test-a2"));

    JsonObject body = lastBody();
    assertThat(body.keySet()).containsExactlyInAnyOrder("name", "image", "gpu", "ports", "env");
    assertThat(body.getJsonObject("gpu").toString()).isEqualTo("{\"id\":\"NVIDIA GeForce RTX 4090\",\"count\":1}");
    assertThat(body.getJsonArray("ports").getString(0)).isEqualTo("8000/http");
    assertThat(fake.requests().get(0).headers().get("Content-type")).containsExactly("application/json");
    assertThat(pod.status()).isEqualTo(PodStatus.PROVISIONING);
    assertThat(pod.name()).isEqualTo("atlas-test-a2");
  }

  @Test
  void everyCreateFieldTheClientKnowsPassesTheStrictSchema() {
    fake.state().template("tpl123");
    PodSpec full = PodSpec.builder("atlas-test-full", "NVIDIA H100 80GB HBM3").image("img:1").templateId("tpl123")
        .gpu("NVIDIA H100 80GB HBM3", 2).cloud(Cloud.COMMUNITY).dataCenterIds(List.of("US-KS-2"))
        .env("A", "1").port("8000/http").port("22/tcp").args("--serve").diskGb(40)
        .mount(new PodSpec.PersistentMount(20, "/workspace")).registry("cred1").build();

    Pod pod = client.createPod(full);

    assertThat(lastBody().keySet()).containsExactlyInAnyOrder("name", "image", "templateId", "gpu", "cloud",
        "dataCenterIds", "env", "ports", "args", "disk", "mounts", "registry");
    assertThat(lastBody().getJsonObject("mounts").toString()).isEqualTo("{\"persistent\":{\"size\":20,\"path\":\"/workspace\"}}");
    assertThat(pod.gpuCount()).isEqualTo(2);
    assertThat(pod.cloud()).isEqualTo("COMMUNITY");
  }

  @Test
  void networkMountIsSentAsAOneItemArray() {
    client.createPod(PodSpec.builder("atlas-test-net", "NVIDIA L4").image("img:1")
        .mount(new PodSpec.NetworkMount("vol_1", "/runpod-volume")).build());

    assertThat(lastBody().getJsonObject("mounts").toString())
        .isEqualTo("{\"network\":[{\"volumeId\":\"vol_1\",\"path\":\"/runpod-volume\"}]}");
  }

  @Test
  void thePodEnvThatRunPodEchoesIsDroppedWhenParsed() {
    Pod created = client.createPod(spec("atlas-test-env"));
    Pod read = client.getPod(created.id());
    List<Pod> listed = client.listPods();

    assertThat(fake.requests().get(1).target()).isEqualTo("/v2/pods/" + created.id());
    assertThat(created.toString()).doesNotContain(SECRET);
    assertThat(read.toString()).doesNotContain(SECRET);
    assertThat(listed.toString()).doesNotContain(SECRET);
  }

  @Test
  void getOfAnUnknownPodFailsWith404NamingDetailAndRequestId() {
    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> client.getPod("nope123"));

    assertThat(e.failure()).isEqualTo(Failure.HTTP);
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.requestId()).hasValue("req_1");
    assertThat(e.getMessage()).isEqualTo("RunPod GET /v2/pods/nope123: 404 Not Found: pod not found (x-request-id req_1)");
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void aPodIdThatCouldEscapeThePathIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> client.getPod("../catalog/gpus"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("id: not a RunPod pod id: '../catalog/gpus'");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void listFollowsNextCursorUntilThereIsNone() {
    fake.state().pageSize(2);
    for (int i = 0; i < 5; i++) {
      client.createPod(spec("atlas-test-page" + i));
    }

    List<Pod> pods = client.listPods();

    assertThat(pods).extracting(Pod::name).containsExactly(
        "atlas-test-page0", "atlas-test-page1", "atlas-test-page2", "atlas-test-page3", "atlas-test-page4");
    assertThat(fake.requests().subList(5, 8)).extracting(FakeRunPod.Request::target)
        .containsExactly("/v2/pods", "/v2/pods?cursor=c2", "/v2/pods?cursor=c4");
  }

  @Test
  void aServerThatRepeatsACursorIsAMalformedAnswerNotAnEndlessLoop() {
    try (StubServer stub = StubServer.answering(uri -> new StubServer.Canned(200,
        Map.of("Content-Type", "application/json"), "{\"pods\":[],\"nextCursor\":\"same\"}"))) {
      RunPodClient c = RunPodClient.create(FakeSetup.config(stub.baseUrl(), sleeper).build());

      RunPodApiException e = catchThrowableOfType(RunPodApiException.class, c::listPods);

      assertThat(e.failure()).isEqualTo(Failure.MALFORMED_RESPONSE);
      assertThat(e.getMessage()).isEqualTo("RunPod GET /v2/pods?cursor=same: the server repeated a pagination cursor");
    }
  }

  @Test
  void terminateIsTrueWhenItDeletedAndFalseWhenThePodWasAlreadyGone() {
    Pod pod = client.createPod(spec("atlas-test-del"));

    assertThat(client.terminate(pod.id())).isTrue();
    assertThat(client.terminate(pod.id())).isFalse();
    assertThat(fake.state().alive()).isZero();
  }

  @Test
  void getRetries503And429WaitingAtLeastRetryAfter() {
    Pod pod = client.createPod(spec("atlas-test-retry"));
    fake.retryAfterSeconds(2).inject(Route.GET, Fault.UNAVAILABLE, Fault.RATE_LIMITED);

    Pod read = client.getPod(pod.id());

    assertThat(read.id()).isEqualTo(pod.id());
    // Retry-After 2 s plus up to baseDelay (250 ms) of jitter; the fixed jitter is 0.5.
    assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(2125), Duration.ofMillis(2125));
  }

  @Test
  void getGivesUpAfterMaxAttemptsWithCappedExponentialJitteredWaits() {
    fake.inject(Route.LIST, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR,
        Fault.SERVER_ERROR);

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, client::listPods);

    assertThat(e.status()).isEqualTo(500);
    assertThat(e.ambiguous()).isTrue();
    assertThat(e.getMessage()).isEqualTo(
        "RunPod GET /v2/pods: 500 Internal Server Error: upstream failure (x-request-id req_5)");
    assertThat(sleeper.waits()).containsExactly(
        Duration.ofMillis(125), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void aRetryAfterAboveTheCapIsNotWaitedForButReported() {
    fake.retryAfterSeconds(3600).inject(Route.LIST, Fault.RATE_LIMITED);

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, client::listPods);

    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfter()).hasValue(Duration.ofHours(1));
    assertThat(e.getMessage()).contains("rate limit exceeded for the minute window").contains("(Retry-After 3600 s)");
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() {
    java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-12-03T10:00:00Z"), java.time.ZoneOffset.UTC);
    try (StubServer stub = StubServer.answering(uri -> new StubServer.Canned(429,
        Map.of("Retry-After", "Thu, 03 Dec 2026 10:00:07 GMT"), ""))) {
      RunPodClient c = RunPodClient.create(FakeSetup.config(stub.baseUrl(), sleeper).clock(clock).random(() -> 0.0)
          .retry(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60))).build());

      RunPodApiException e = catchThrowableOfType(RunPodApiException.class, c::listPods);

      assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7));
      assertThat(e.getMessage()).isEqualTo("RunPod GET /v2/pods: 429 Too Many Requests (Retry-After 7 s)");
      assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
    }
  }

  @Test
  void deleteIsRetriedAfterADroppedConnectionAndTheSecond404CountsAsGone() {
    Pod pod = client.createPod(spec("atlas-test-drop"));
    fake.inject(Route.DELETE, Fault.DROP_AFTER);

    assertThat(client.terminate(pod.id())).isFalse();
    assertThat(fake.state().alive()).isZero();
    assertThat(sleeper.waits()).hasSize(1);
  }

  @Test
  void createIsSentOnceEvenOn5xx() {
    fake.inject(Route.CREATE, Fault.SERVER_ERROR);

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> client.createPod(spec("atlas-test-once")));

    assertThat(e.status()).isEqualTo(500);
    assertThat(e.ambiguous()).isTrue();
    assertThat(fake.requests()).hasSize(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void aCreateAnsweredTooLateIsATimeoutThatMayHaveCreatedThePod() {
    RunPodClient impatient = RunPodClient.create(
        FakeSetup.config(fake, sleeper).requestTimeout(Duration.ofMillis(150)).build());
    fake.slowDelay(Duration.ofMillis(600)).inject(Route.CREATE, Fault.SLOW_AFTER);

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> impatient.createPod(spec("atlas-test-slow")));

    assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
    assertThat(e.ambiguous()).isTrue();
    assertThat(e.getMessage()).isEqualTo("RunPod POST /v2/pods: no answer within the request timeout");
    assertThat(fake.state().createdNamed("atlas-test-slow")).isEqualTo(1);
  }

  @Test
  void aConnectionDroppedAfterTheCreateIsAmbiguous() {
    fake.inject(Route.CREATE, Fault.DROP_AFTER);

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> client.createPod(spec("atlas-test-lost")));

    assertThat(e.failure()).isEqualTo(Failure.CONNECTION_LOST);
    assertThat(e.ambiguous()).isTrue();
    assertThat(fake.state().createdNamed("atlas-test-lost")).isEqualTo(1);
  }

  @Test
  void aRefusedConnectionIsNotSentAndRetriedForGet() {
    int port = FakeSetup.closedPort();
    RunPodClient nowhere = RunPodClient.create(FakeSetup.config(URI.create("http://127.0.0.1:" + port), sleeper).build());

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, nowhere::listPods);

    assertThat(e.failure()).isEqualTo(Failure.NOT_SENT);
    assertThat(e.ambiguous()).isFalse();
    assertThat(sleeper.waits()).hasSize(4);
  }

  @Test
  void aWrongKeyIs401AndIsNeverRetried() {
    RunPodClient wrong = RunPodClient.create(FakeSetup.config(fake, sleeper).apiKey(RunPodApiKey.of("rpa_WRONG")).build());

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, wrong::listPods);

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).doesNotContain("rpa_WRONG").doesNotContain(FakeSetup.API_KEY);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void aBaseUrlUnderTheRetiredV1PathGets410() {
    RunPodClient old = RunPodClient.create(FakeSetup.config(fake, sleeper)
        .baseUrl(URI.create(fake.baseUrl() + "/v1/legacy")).build());

    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, old::listPods);

    assertThat(e.status()).isEqualTo(410);
    assertThat(e.getMessage()).startsWith("RunPod GET /v2/pods: 410 Gone: REST v1 was retired");
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void schemaViolationsAre422ListingEachError() {
    try (StubServer stub = StubServer.answering(uri -> new StubServer.Canned(422,
        Map.of("Content-Type", "application/problem+json", "x-request-id", "req_x"),
        "{\"title\":\"Unprocessable Entity\",\"status\":422,\"detail\":\"Request validation failed.\","
            + "\"errors\":[\"$: additional properties 'dataCenterId' not allowed\"]}"))) {
      RunPodClient c = RunPodClient.create(FakeSetup.config(stub.baseUrl(), sleeper).build());

      RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> c.createPod(spec("atlas-test-422")));

      assertThat(e.problem().orElseThrow().errors()).containsExactly("$: additional properties 'dataCenterId' not allowed");
      assertThat(e.getMessage()).isEqualTo("RunPod POST /v2/pods: 422 Unprocessable Entity: Request validation failed. "
          + "[$: additional properties 'dataCenterId' not allowed] (x-request-id req_x)");
    }
  }

  @Test
  void anEnvValueOrTheKeyEchoedInAProblemIsRedacted() {
    try (StubServer stub = StubServer.answering(uri -> new StubServer.Canned(400,
        Map.of("Content-Type", "application/problem+json"),
        "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"bad env value " + SECRET + " with key "
            + FakeSetup.API_KEY + "\"}"))) {
      RunPodClient c = RunPodClient.create(FakeSetup.config(stub.baseUrl(), sleeper).build());

      RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> c.createPod(spec("atlas-test-echo")));

      assertThat(e.getMessage()).isEqualTo(
          "RunPod POST /v2/pods: 400 Bad Request: bad env value <redacted> with key <redacted>");
    }
  }

  @Test
  void anUnreadable2xxIsMalformedAndQuotesNothingOfTheBody() {
    try (StubServer stub = StubServer.answering(uri -> new StubServer.Canned(200,
        Map.of("Content-Type", "application/json"), "{\"id\":\"x\",\"env\":{\"K\":\"" + SECRET + "\"}, broken"))) {
      RunPodClient c = RunPodClient.create(FakeSetup.config(stub.baseUrl(), sleeper).build());

      RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> c.getPod("x"));

      assertThat(e.failure()).isEqualTo(Failure.MALFORMED_RESPONSE);
      assertThat(e.getMessage()).isEqualTo("RunPod GET /v2/pods/x: status 200 but the body is not valid JSON");
      assertThat(e.getCause()).isNull();
    }
  }

  @Test
  void aPodWithoutARequiredFieldIsMalformedNamingTheField() {
    try (StubServer stub = StubServer.answering(uri -> new StubServer.Canned(200,
        Map.of("Content-Type", "application/json"), "{\"id\":\"x\",\"name\":\"n\",\"status\":\"RUNNING\"}"))) {
      RunPodClient c = RunPodClient.create(FakeSetup.config(stub.baseUrl(), sleeper).build());

      assertThatThrownBy(() -> c.getPod("x")).isInstanceOf(RunPodApiException.class)
          .hasMessage("RunPod GET /v2/pods/x: status 200 but field 'createdAt' is missing or not a string");
    }
  }

  @Test
  void theGpuCatalogIsReadWithAvailabilityForPods() {
    fake.state().stock("NVIDIA H100 80GB HBM3", 0).stock("NVIDIA L4", 2);

    List<GpuType> gpus = client.gpuTypes(1, null);

    assertThat(fake.requests().get(0).target()).isEqualTo("/v2/catalog/gpus?include=AVAILABILITY&product=POD&count=1");
    assertThat(gpus).extracting(GpuType::id, GpuType::availability).containsExactly(
        org.assertj.core.groups.Tuple.tuple("NVIDIA GeForce RTX 4090", Availability.HIGH),
        org.assertj.core.groups.Tuple.tuple("NVIDIA H100 80GB HBM3", Availability.NONE),
        org.assertj.core.groups.Tuple.tuple("NVIDIA H100 PCIe", Availability.HIGH),
        org.assertj.core.groups.Tuple.tuple("NVIDIA L4", Availability.LOW));
    assertThat(gpus.get(3).community()).isFalse();
    assertThat(gpus.get(0).price(Cloud.COMMUNITY)).isEqualTo(0.34);
    assertThat(gpus.get(1).dataCenterIds()).isEmpty();
    assertThat(gpus.get(0).dataCenterIds()).containsExactly("US-KS-2");
  }

  @Test
  void stopAndStartUseTheActionEndpointAndA409IsReported() {
    Pod pod = client.createPod(spec("atlas-test-act"));

    assertThat(client.stop(pod.id()).status()).isEqualTo(PodStatus.EXITED);
    assertThat(lastBody().toString()).isEqualTo("{\"action\":\"stop\"}");
    RunPodApiException e = catchThrowableOfType(RunPodApiException.class, () -> client.stop(pod.id()));
    assertThat(e.status()).isEqualTo(409);
    assertThat(client.start(pod.id()).status()).isEqualTo(PodStatus.STARTING);
  }
}
