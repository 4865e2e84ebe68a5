package dev.atlas.spawn.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.atlas.spawn.CloudType;
import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeException;
import dev.atlas.spawn.ComputeException.Kind;
import dev.atlas.spawn.ComputeProvider;
import dev.atlas.spawn.ComputeProviders;
import dev.atlas.spawn.ComputeRequest;
import dev.atlas.spawn.ComputeSpawner;
import dev.atlas.spawn.ComputeStatus;
import dev.atlas.spawn.Endpoint;
import dev.atlas.spawn.Gpu;
import dev.atlas.spawn.LaunchSpec;
import dev.atlas.spawn.Port;
import dev.atlas.spawn.ProviderSettings;
import dev.atlas.spawn.ReservedEnv;
import dev.atlas.spawn.Volume;
import dev.atlas.spawn.runpod.FakeRunPod.Fault;
import dev.atlas.spawn.runpod.FakeRunPod.Route;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunPodProviderTest {
  private static final String SECRET = "injected-SECRET-0123456789abcdefghijklmno";
  private static final String H100 = "NVIDIA H100 80GB HBM3";
  private static final String H100_PCIE = "NVIDIA H100 PCIe";

  private final FakeRunPod fake = FakeRunPod.start(FakeSetup.API_KEY);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final RunPodProvider provider = RunPodProvider.create(FakeSetup.config(fake, sleeper).build());

  @AfterEach
  void stop() {
    fake.close();
  }

  private static ComputeRequest.Builder request() {
    return ComputeRequest.builder("ghcr.io/example/inference-pod:1").gpu(Gpu.RTX_4090).port("8000/http");
  }

  private static LaunchSpec launch(ComputeRequest request) {
    return LaunchSpec.of(request, "launch0123abcd", Map.of(ReservedEnv.PRESHARED_KEY, SECRET));
  }

  private List<JsonObject> createBodies() {
    return fake.requests().stream().filter(r -> r.method().equals("POST") && r.target().equals("/v2/pods"))
        .map(r -> Json.createReader(new StringReader(r.body())).readObject()).toList();
  }

  @Test
  void spawnSendsTheV2BodyUnderTheNameAtlasOwnerLaunchId() {
    ComputeRequest request = request().gpu(Gpu.H100).gpuCount(2).port("22/tcp").env("MODEL", "qwen3")
        .diskGb(40).volume(Volume.persistent(20, "/workspace")).regionHints("US-KS-2")
        .cloudType(CloudType.COMMUNITY).providerOption("args", "--serve").build();

    Compute compute = provider.spawn(launch(request));

    JsonObject body = createBodies().get(0);
    assertThat(body.getString("name")).isEqualTo("atlas-test-launch0123abcd");
    assertThat(body.getString("image")).isEqualTo("ghcr.io/example/inference-pod:1");
    assertThat(body.getJsonObject("gpu").toString()).isEqualTo("{\"id\":\"" + H100 + "\",\"count\":2}");
    assertThat(body.getString("cloud")).isEqualTo("COMMUNITY");
    assertThat(body.getJsonArray("ports").toString()).isEqualTo("[\"8000/http\",\"22/tcp\"]");
    assertThat(body.getJsonArray("dataCenterIds").toString()).isEqualTo("[\"US-KS-2\"]");
    assertThat(body.getInt("disk")).isEqualTo(40);
    assertThat(body.getString("args")).isEqualTo("--serve");
    assertThat(body.getJsonObject("mounts").toString()).isEqualTo("{\"persistent\":{\"size\":20,\"path\":\"/workspace\"}}");
    assertThat(fake.state().env(compute.id())).containsExactly(Map.entry("MODEL", "qwen3"),
        Map.entry(ReservedEnv.PRESHARED_KEY, SECRET), Map.entry(ReservedEnv.LAUNCH_ID, "launch0123abcd"));

    assertThat(compute.provider()).isEqualTo("runpod");
    assertThat(compute.name()).hasValue("atlas-test-launch0123abcd");
    assertThat(compute.status()).isEqualTo(ComputeStatus.PROVISIONING);
    assertThat(compute.endpoints()).containsExactly(
        new Endpoint(Port.http(8000), URI.create("https://" + compute.id() + "-8000.proxy.runpod.net")));
    assertThat(compute.toString()).doesNotContain(SECRET);
  }

  @Test
  void aRunningPodReportsProxyAndTcpUrlsCostRegionAndGpu() {
    fake.state().readsToRun(1);
    Compute spawned = provider.spawn(launch(request().gpu(Gpu.H100).gpuCount(2).port("22/tcp")
        .cloudType(CloudType.COMMUNITY).build()));

    Compute running = provider.get(spawned.id()).orElseThrow();

    assertThat(running.status()).isEqualTo(ComputeStatus.RUNNING);
    assertThat(running.endpoints()).containsExactly(
        new Endpoint(Port.http(8000), URI.create("https://" + spawned.id() + "-8000.proxy.runpod.net")),
        new Endpoint(new Port(22, Port.Protocol.TCP), URI.create("tcp://203.0.113.7:40000")));
    assertThat(running.costPerHour()).hasValue(BigDecimal.valueOf(2.69));
    assertThat(running.region()).hasValue("US-KS-2");
    assertThat(running.gpu()).hasValue(Gpu.H100);
    assertThat(running.gpuCount()).isEqualTo(2);
    assertThat(running.name()).hasValue("atlas-test-launch0123abcd");
    assertThat(running.createdAt()).isEqualTo(spawned.createdAt());
  }

  @Test
  void runPodStatusesMapToComputeStatuses() {
    assertThat(RunPodMapping.status(PodStatus.PROVISIONING)).isEqualTo(ComputeStatus.PROVISIONING);
    assertThat(RunPodMapping.status(PodStatus.STARTING)).isEqualTo(ComputeStatus.STARTING);
    assertThat(RunPodMapping.status(PodStatus.RUNNING)).isEqualTo(ComputeStatus.RUNNING);
    assertThat(RunPodMapping.status(PodStatus.EXITED)).isEqualTo(ComputeStatus.STOPPED);
    assertThat(RunPodMapping.status(PodStatus.ERROR)).isEqualTo(ComputeStatus.FAILED);
    assertThat(RunPodMapping.status(PodStatus.TERMINATED)).isEqualTo(ComputeStatus.TERMINATED);
    assertThat(RunPodMapping.status(PodStatus.UNKNOWN)).isEqualTo(ComputeStatus.STARTING);
  }

  @Test
  void requestsRunPodCannotRunAreRefusedBeforeAnyCall() {
    assertRefused(request().providerOption("spot", "true"), Kind.UNSUPPORTED,
        "providerOptions: RunPod has no option 'spot'; known: [args, gpuIds, registry, templateId]");
    assertRefused(ComputeRequest.builder("img:1").port("8000/http"), Kind.UNSUPPORTED,
        "gpu: RunPod pods need a GPU type here (CPU pods are not supported)");
    assertRefused(request().gpu(Gpu.A10), Kind.UNSUPPORTED, "gpu: RunPod does not sell A10");
    assertRefused(request().volume(Volume.persistent(5, "/data")), Kind.VALIDATION,
        "volume: RunPod's persistent volumes start at 10 GB, was 5");
    assertRefused(request().providerOption("gpuIds", " , "), Kind.VALIDATION, "gpuIds: names no GPU type");
    ComputeRequest.Builder many = request();
    for (int i = 0; i < 50; i++) {
      many.env("V" + i, "x");
    }
    assertRefused(many, Kind.UNSUPPORTED, "env: RunPod accepts at most 50 variables, 52 given");
    assertThat(fake.requests()).isEmpty();
  }

  private void assertRefused(ComputeRequest.Builder request, Kind kind, String message) {
    ComputeException e = catchThrowableOfType(ComputeException.class, () -> provider.spawn(launch(request.build())));
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.provider()).hasValue("runpod");
  }

  @Test
  void aWrongKeyIsUnauthorizedWithStatusRequestIdAndDetail() {
    RunPodProvider wrong = RunPodProvider.create(FakeSetup.config(fake, sleeper).apiKey(RunPodApiKey.of("rpa_nope")).build());

    ComputeException e = catchThrowableOfType(ComputeException.class, () -> wrong.spawn(launch(request().build())));

    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(e.httpStatus()).hasValue(401);
    assertThat(e.requestId()).hasValue("req_1");
    assertThat(e.getMessage()).isEqualTo(
        "RunPod POST /v2/pods: 401 Unauthorized: missing or invalid bearer token (x-request-id req_1)");
  }

  @Test
  void insufficientBalanceCapacityAndForbiddenHaveTheirKinds() {
    fake.state().insufficientBalance(true);
    assertThat(spawnFailure(request()).kind()).isEqualTo(Kind.INSUFFICIENT_BALANCE);
    fake.state().insufficientBalance(false).stock("NVIDIA GeForce RTX 4090", 0);
    ComputeException capacity = spawnFailure(request());
    assertThat(capacity.kind()).isEqualTo(Kind.CAPACITY_UNAVAILABLE);
    assertThat(capacity.httpStatus()).hasValue(400);
    assertThat(capacity.getMessage()).contains("There are no longer any instances available");
    fake.state().forbid("NVIDIA L4");
    assertThat(spawnFailure(request().gpu(Gpu.L4)).kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(fake.state().alive()).isZero();
  }

  @Test
  void aLongRateLimitIsReportedWithRetryAfter() {
    fake.retryAfterSeconds(3600).inject(Route.CREATE, Fault.RATE_LIMITED);

    ComputeException e = spawnFailure(request());

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).hasValue(Duration.ofHours(1));
  }

  @Test
  void serverErrorsTimeoutsAndConflictsHaveTheirKinds() {
    Compute c = provider.spawn(launch(request().build()));
    fake.inject(Route.GET, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR);
    ComputeException provider5xx = catchThrowableOfType(ComputeException.class, () -> provider.get(c.id()));
    assertThat(provider5xx.kind()).isEqualTo(Kind.PROVIDER);
    assertThat(provider5xx.computeId()).hasValue(c.id());

    RunPodProvider impatient = RunPodProvider.create(FakeSetup.config(fake, sleeper)
        .requestTimeout(Duration.ofMillis(150)).retry(RetryPolicy.NONE).build());
    fake.slowDelay(Duration.ofMillis(600)).inject(Route.GET, Fault.SLOW_AFTER);
    assertThat(catchThrowableOfType(ComputeException.class, () -> impatient.get(c.id())).kind()).isEqualTo(Kind.TIMEOUT);

    RunPodProvider nowhere = RunPodProvider.create(FakeSetup.config(fake, sleeper)
        .baseUrl(URI.create("http://127.0.0.1:" + FakeSetup.closedPort())).retry(RetryPolicy.NONE).build());
    assertThat(catchThrowableOfType(ComputeException.class, () -> nowhere.get(c.id())).kind()).isEqualTo(Kind.TRANSPORT);

    provider.stop(c.id());
    ComputeException conflict = catchThrowableOfType(ComputeException.class, () -> provider.stop(c.id()));
    assertThat(conflict.kind()).isEqualTo(Kind.CONFLICT);
    assertThat(conflict.httpStatus()).hasValue(409);
    assertThat(conflict.getMessage()).endsWith("(conflict: the action is not legal in the pod's current status)");
  }

  @Test
  void theGpuIdsOptionIsOrderedByTheCatalogsStockAndTheCatalogIsReused() {
    fake.state().stock(H100, 0);
    ComputeRequest request = request().providerOption("gpuIds", H100 + "," + H100_PCIE).build();

    Compute first = provider.spawn(launch(request));
    provider.spawn(LaunchSpec.of(request, "launch0123efgh", Map.of()));

    assertThat(createBodies()).extracting(b -> b.getJsonObject("gpu").getString("id")).containsExactly(H100_PCIE, H100_PCIE);
    assertThat(first.gpu()).hasValue(Gpu.H100_PCIE);
    assertThat(fake.requests()).filteredOn(r -> r.target().startsWith("/v2/catalog/gpus")).hasSize(1);
  }

  @Test
  void anUnreadableCatalogKeepsTheCallersOrder() {
    fake.inject(Route.CATALOG, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR);

    provider.spawn(launch(request().providerOption("gpuIds", H100 + "," + H100_PCIE).build()));

    assertThat(createBodies()).extracting(b -> b.getJsonObject("gpu").getString("id")).containsExactly(H100);
  }

  @Test
  void terminateAfterAnAmbiguousCreateSweepsADuplicateThatShowedUpLate() {
    RunPodConfig config = FakeSetup.config(fake, sleeper).build();
    fake.state().listLag(config.reconcileLookups() + 1);
    fake.inject(Route.CREATE, Fault.SERVER_ERROR_AFTER);
    Compute c = provider.spawn(launch(request().build()));
    assertThat(fake.state().alive()).isEqualTo(2); // the lag hid the first create from every check

    provider.terminate(c.id());

    assertThat(fake.state().alive()).isZero();
  }

  @Test
  void aCreateThatLandsAfterTheClientGaveUpIsSweptWhenTheSpawnIsTerminated() {
    RunPodProvider impatient = RunPodProvider.create(
        FakeSetup.config(fake, sleeper).requestTimeout(Duration.ofMillis(100)).build());
    fake.slowDelay(Duration.ofMillis(400)).inject(Route.CREATE, Fault.SLOW_BEFORE);

    Compute c = impatient.spawn(launch(request().build()));
    dev.atlas.spawn.conformance.Await.until("the late create to land", Duration.ofSeconds(10),
        () -> fake.state().alive() == 2);
    impatient.terminate(c.id());

    assertThat(fake.state().createdNamed("atlas-test-launch0123abcd")).isEqualTo(2);
    assertThat(fake.state().alive()).isZero();
  }

  @Test
  void terminateOfAPodAlreadyGoneOrOfAnImpossibleIdSucceeds() {
    Compute c = provider.spawn(launch(request().build()));
    provider.terminate(c.id());
    provider.terminate(c.id());
    provider.terminate("../../v2/pods");

    assertThat(provider.get("../../v2/pods")).isEmpty();
    assertThat(catchThrowableOfType(ComputeException.class, () -> provider.stop("../x")).kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void listOwnedKeepsOnlyPodsUnderThisOwnersPrefix() {
    Compute ours = provider.spawn(launch(request().build()));
    provider.client().createPod(PodSpec.builder("someone-elses-pod", "NVIDIA L4").image("img:1").build());

    assertThat(provider.list()).hasSize(2);
    assertThat(provider.listOwned()).extracting(Compute::id).containsExactly(ours.id());
  }

  @Test
  void noLogLineAtAnyLevelHoldsTheInjectedSecretOrTheApiKey() {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.atlas.spawn.runpod");
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        lines.add(new java.util.logging.SimpleFormatter().formatMessage(r));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Level before = logger.getLevel();
    logger.setLevel(java.util.logging.Level.ALL);
    logger.addHandler(capture);
    try {
      fake.state().listLag(1);
      fake.inject(Route.CREATE, Fault.SERVER_ERROR_AFTER).inject(Route.GET, Fault.UNAVAILABLE);
      Compute c = provider.spawn(launch(request().build()));
      provider.get(c.id());
      provider.terminate(c.id());

      assertThat(lines).anySatisfy(l -> assertThat(l).contains(c.id()));
      assertThat(lines).anySatisfy(l -> assertThat(l).contains("retry 1"));
      assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain(SECRET).doesNotContain(FakeSetup.API_KEY));
    } finally {
      logger.removeHandler(capture);
      logger.setLevel(before);
    }
  }

  @Test
  void theLiveCatalogIsAvailable() {
    assertThat(provider.gpuCatalog(1)).extracting(GpuType::id).contains(H100, "NVIDIA GeForce RTX 4090");
  }

  @Test
  void theFactoryIsFoundByServiceLoaderAndReadsItsSettings() {
    ProviderSettings settings = ProviderSettings.of(
        Map.of("atlas.runpod.base-url", fake.baseUrl().toString(), "atlas.runpod.owner", "billing"),
        Map.of("RUNPOD_API_KEY", FakeSetup.API_KEY));

    try (ComputeProvider p = ComputeProviders.create("runpod", settings)) {
      Compute c = p.spawn(launch(request().build()));
      assertThat(p.get(c.id()).orElseThrow().name()).hasValue("atlas-billing-launch0123abcd");
    }
  }

  @Test
  void theFactoryWithoutAKeyFailsNamingTheSetting() {
    ComputeException e = catchThrowableOfType(ComputeException.class,
        () -> ComputeProviders.create("runpod", ProviderSettings.of(Map.of(), Map.of())));

    assertThat(e.kind()).isEqualTo(Kind.VALIDATION);
    assertThat(e.getMessage()).isEqualTo(
        "no RunPod API key: set atlas.runpod.api-key or the environment variable RUNPOD_API_KEY");
  }

  @Test
  void theFactoryRefusesAnUnusableSettingNamingItButNotTheKey() {
    ComputeException e = catchThrowableOfType(ComputeException.class, () -> ComputeProviders.create("runpod",
        ProviderSettings.of(Map.of("atlas.runpod.base-url", "ftp://example.test"), Map.of("RUNPOD_API_KEY", "k"))));
    assertThat(e.kind()).isEqualTo(Kind.VALIDATION);
    assertThat(e.getMessage()).isEqualTo(
        "atlas.runpod.base-url / ATLAS_RUNPOD_BASE_URL: baseUrl: scheme must be https or http, was ftp://example.test");

    ComputeException key = catchThrowableOfType(ComputeException.class, () -> ComputeProviders.create("runpod",
        ProviderSettings.of(Map.of("atlas.runpod.api-key", "bad key\u00e9"), Map.of())));
    assertThat(key.getMessage()).isEqualTo("atlas.runpod.api-key / RUNPOD_API_KEY: key: the RunPod API key holds a "
        + "character that is not visible ASCII, at index 3").doesNotContain("bad key");
  }

  @Test
  void theSpawnerInjectsItsTokenThroughThisProviderAndRunPodReceivesIt() {
    ComputeSpawner spawner = ComputeSpawner.builder(provider).build();

    Compute c = spawner.spawn(request().build());

    String token = c.auth().orElseThrow().token();
    assertThat(fake.state().env(c.id())).containsEntry(ReservedEnv.PRESHARED_KEY, token);
    assertThat(provider.get(c.id()).orElseThrow().toString()).doesNotContain(token);
    spawner.terminate(c.id());
    assertThat(fake.state().alive()).isZero();
  }

  private ComputeException spawnFailure(ComputeRequest.Builder request) {
    return catchThrowableOfType(ComputeException.class, () -> provider.spawn(launch(request.build())));
  }
}
