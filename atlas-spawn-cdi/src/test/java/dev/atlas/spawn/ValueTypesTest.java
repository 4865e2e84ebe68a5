package dev.atlas.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void gpuMapsToRunpodV2IdsAndBack() {
    assertThat(Gpu.H100.providerId(Gpu.RUNPOD)).contains("NVIDIA H100 80GB HBM3");
    assertThat(Gpu.RTX_4090.providerId(Gpu.RUNPOD)).contains("NVIDIA GeForce RTX 4090");
    assertThat(Gpu.H100_PCIE.providerId(Gpu.RUNPOD)).contains("NVIDIA H100 PCIe");
    assertThat(Gpu.MI300X.providerId(Gpu.RUNPOD)).contains("AMD Instinct MI300X OAM");
    assertThat(Gpu.H100.providerId(Gpu.LAMBDA_LABS)).contains("gpu_1x_h100_pcie");
    assertThat(Gpu.H100.providerIds(Gpu.VAST)).containsExactly("H100 SXM", "H100 PCIE", "H100 NVL");
    assertThat(Gpu.GH200.providerId(Gpu.RUNPOD)).isEmpty();
    assertThat(Gpu.fromProviderId(Gpu.RUNPOD, "NVIDIA L4")).contains(Gpu.L4);
    assertThat(Gpu.fromProviderId(Gpu.RUNPOD, "NVIDIA RTX 4090")).isEmpty();
  }

  @Test
  void everyRunpodIdIsUnique() {
    long ids = java.util.Arrays.stream(Gpu.values()).flatMap(g -> g.providerIds(Gpu.RUNPOD).stream()).count();
    long distinct = java.util.Arrays.stream(Gpu.values()).flatMap(g -> g.providerIds(Gpu.RUNPOD).stream()).distinct().count();
    assertThat(ids).isEqualTo(distinct);
  }

  @Test
  void gpuParsesCanonicalNames() {
    assertThat(Gpu.parse("h100")).isEqualTo(Gpu.H100);
    assertThat(Gpu.parse(" rtx-4090 ")).isEqualTo(Gpu.RTX_4090);
    assertThatThrownBy(() -> Gpu.parse("h1000")).hasMessage("gpu: unknown GPU type 'h1000'");
  }

  @Test
  void portRoundTripsItsTextForm() {
    assertThat(Port.parse("8000/HTTP")).hasToString("8000/http");
    assertThat(Port.parse("22/tcp")).isEqualTo(new Port(22, Port.Protocol.TCP));
    assertThatThrownBy(() -> new Port(70000, Port.Protocol.TCP)).hasMessage("ports: port out of range: 70000");
  }

  @Test
  void exceptionCarriesItsDetailsAndAReadableToString() {
    ComputeException e = ComputeException.builder(ComputeException.Kind.RATE_LIMITED, "rate limit exceeded")
        .provider("runpod").computeId("pod1").retryAfter(Duration.ofSeconds(7)).httpStatus(429)
        .requestId("req-1").build();

    assertThat(e.kind()).isEqualTo(ComputeException.Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(e.httpStatus()).hasValue(429);
    assertThat(e.requestId()).contains("req-1");
    assertThat(e).hasToString("dev.atlas.spawn.ComputeException: RATE_LIMITED [runpod] [pod1]: rate limit exceeded");
    assertThat(ComputeException.of(ComputeException.Kind.TIMEOUT, "t").httpStatus()).isEmpty();
    assertThatThrownBy(() -> ComputeException.builder(ComputeException.Kind.PROVIDER, "x").httpStatus(42))
        .hasMessage("httpStatus: not an HTTP status: 42");
  }

  @Test
  void launchSpecAddsInjectedVariablesAfterTheRequestEnvAndRedactsThem() {
    ComputeRequest request = ComputeRequest.builder("img").env("A", "1").build();
    LaunchSpec spec = LaunchSpec.of(request, "abc123", Map.of(ReservedEnv.PRESHARED_KEY, "tok"));

    assertThat(spec.environmentWithSecrets()).containsExactly(
        Map.entry("A", "1"), Map.entry(ReservedEnv.PRESHARED_KEY, "tok"), Map.entry(ReservedEnv.LAUNCH_ID, "abc123"));
    assertThat(spec.name()).isEqualTo("atlas-abc123");
    assertThat(spec.toString()).doesNotContain("tok\"").contains("ATLAS_PRESHARED_KEY").doesNotContain("=tok");
    assertThatThrownBy(() -> LaunchSpec.of(request, "abc123", Map.of("PATH", "/evil")))
        .hasMessage("injected: PATH is not a reserved variable");
    assertThatThrownBy(() -> LaunchSpec.of(request, "ABC", Map.of()))
        .hasMessage("launchId: expected [a-z0-9]{6,32}, was 'ABC'");
  }

  @Test
  void settingsReadPropertiesThenEnvironmentWithMicroProfileNaming() {
    Properties props = new Properties();
    props.setProperty("atlas.spawn.provider", "fake");
    ProviderSettings settings = ProviderSettings.of(props, Map.of("RUNPOD_API_KEY", "k", "atlas.spawn.provider", "x",
        "ATLAS_SPAWN_LOCAL_STOP_GRACE", "3"));

    assertThat(settings.get("atlas.spawn.provider")).contains("fake");
    assertThat(settings.get("runpod.api-key")).contains("k");
    assertThat(settings.duration("atlas.spawn.local.stop-grace", Duration.ZERO)).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.duration("missing", Duration.ofSeconds(9))).isEqualTo(Duration.ofSeconds(9));
    assertThat(settings.get("missing", "dflt")).isEqualTo("dflt");
    ProviderSettings bad = ProviderSettings.of(Map.of("d", "soon"), Map.of());
    assertThatThrownBy(() -> bad.duration("d", Duration.ZERO))
        .isInstanceOfSatisfying(ComputeException.class, e -> assertThat(e.kind()).isEqualTo(ComputeException.Kind.VALIDATION))
        .hasMessage("d: expected seconds or an ISO-8601 duration like PT30S, was 'soon'");
  }

  @Test
  void providersAreFoundByNameThroughServiceLoader() {
    ProviderSettings settings = ProviderSettings.of(Map.of(ComputeProviders.PROVIDER_KEY, "fake"), Map.of());

    try (ComputeProvider fake = ComputeProviders.createDefault(settings)) {
      assertThat(fake.name()).isEqualTo("fake");
    }
    try (ComputeProvider local = ComputeProviders.createDefault(ProviderSettings.of(Map.of(), Map.of()))) {
      assertThat(local.name()).isEqualTo("local");
    }
    assertThatThrownBy(() -> ComputeProviders.create("nope", settings))
        .isInstanceOfSatisfying(ComputeException.class, e -> assertThat(e.kind()).isEqualTo(ComputeException.Kind.UNSUPPORTED))
        .hasMessageStartingWith("no compute provider named 'nope'; available: [")
        .hasMessageContaining("fake").hasMessageContaining("local");
  }
}
