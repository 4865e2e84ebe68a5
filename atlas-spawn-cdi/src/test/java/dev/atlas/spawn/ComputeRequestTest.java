package dev.atlas.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComputeRequestTest {
  private static ComputeRequest.Builder builder() {
    return ComputeRequest.builder("vllm/vllm-openai:v0.9.1");
  }

  @Test
  void buildsWithEveryFieldAndSecureDefaults() {
    ComputeRequest request = builder()
        .gpu(Gpu.H100).gpuCount(2).port("8000/http").port("22/tcp").env("MODEL", "qwen")
        .diskGb(40).volume(Volume.persistent(50, "/workspace")).cloudType(CloudType.SECURE)
        .regionHints("EU-RO-1", "US-TX-3").name("atlas-demo").idleTtl(Duration.ofMinutes(15))
        .providerOption("templateId", "abc").build();

    assertThat(request.gpu()).contains(Gpu.H100);
    assertThat(request.gpuCount()).isEqualTo(2);
    assertThat(request.ports()).containsExactly(Port.http(8000), new Port(22, Port.Protocol.TCP));
    assertThat(request.env()).containsExactly(Map.entry("MODEL", "qwen"));
    assertThat(request.diskGb()).hasValue(40);
    assertThat(request.volume()).contains(Volume.persistent(50, "/workspace"));
    assertThat(request.regionHints()).containsExactly("EU-RO-1", "US-TX-3");
    assertThat(request.idleTtl()).contains(Duration.ofMinutes(15));
    assertThat(request.providerOptions()).containsEntry("templateId", "abc");
    assertThat(builder().build().auth()).isEqualTo(AuthScheme.BEARER);
    assertThat(builder().build().gpuCount()).isEqualTo(1);
    assertThat(request.toBuilder().build().toString()).isEqualTo(request.toString());
  }

  @Test
  void toStringNamesEnvVariablesButNeverShowsTheirValues() {
    ComputeRequest request = builder().env("HF_TOKEN", "hf_secretvalue").build();

    assertThat(request.toString()).contains("HF_TOKEN").doesNotContain("hf_secretvalue");
  }

  @ParameterizedTest
  @ValueSource(strings = {"8000", "8000/", "/http", "8000/udp", "http/8000", "80000/http", "0/http", "8000/http/x", " 8000/http", "-1/tcp", "8o00/http"})
  void rejectsBadPortsNamingTheField(String spec) {
    assertThatThrownBy(() -> builder().port(spec))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ports: ");
  }

  @Test
  void rejectsTheSamePortTwice() {
    assertThatThrownBy(() -> builder().port("8000/http").port("8000/tcp"))
        .hasMessage("ports: port 8000 given twice");
  }

  @Test
  void rejectsAnEmptyImage() {
    assertThatThrownBy(() -> ComputeRequest.builder(" ")).hasMessage("image: must not be empty");
    assertThatThrownBy(() -> ComputeRequest.builder(null)).isInstanceOf(NullPointerException.class).hasMessage("image");
  }

  @Test
  void rejectsNonPositiveCountsAndSizes() {
    assertThatThrownBy(() -> builder().gpuCount(0)).hasMessage("gpuCount: must be positive, was 0");
    assertThatThrownBy(() -> builder().diskGb(-5)).hasMessage("diskGb: must be positive, was -5");
    assertThatThrownBy(() -> Volume.persistent(0, "/w")).hasMessage("volume: size must be positive, was 0");
    assertThatThrownBy(() -> Volume.network("v", "rel")).hasMessage("volume: mount path must be absolute, was 'rel'");
    assertThatThrownBy(() -> builder().idleTtl(Duration.ZERO)).hasMessage("idleTtl: must be positive, was PT0S");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1ABC", "A-B", "A B", "A=B", "ÄRGER", "A\u0000"})
  void rejectsInvalidEnvNames(String name) {
    assertThatThrownBy(() -> builder().env(name, "v"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("env: invalid variable name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ATLAS_PRESHARED_KEY", "ATLAS_SIGNING_SECRET", "ATLAS_LAUNCH_ID", "atlas_preshared_key"})
  void rejectsAnEnvEntryThatWouldOverwriteTheInjectedCredential(String name) {
    assertThatThrownBy(() -> builder().env(name, "attacker"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("env: " + name + " is reserved; the spawner injects it and it cannot be overwritten");
  }

  @ParameterizedTest
  @ValueSource(strings = {"env", "ENV", "env.ATLAS_PRESHARED_KEY", "ATLAS_PRESHARED_KEY", "ATLAS_SIGNING_SECRET"})
  void rejectsAProviderOptionThatWouldOverwriteTheInjectedCredential(String key) {
    assertThatThrownBy(() -> builder().providerOption(key, "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("providerOptions: '" + key + "' would overwrite the injected auth variable");
  }

  @Test
  void rejectsAnEnvValueWithNulWithoutShowingIt() {
    assertThatThrownBy(() -> builder().env("KEY", "sec\u0000ret"))
        .hasMessage("env: value of KEY contains a NUL character");
  }

  @Test
  void rejectsBadNamesAndRegions() {
    assertThatThrownBy(() -> builder().name("")).hasMessageStartingWith("name: must be 1 to 128 printable characters");
    assertThatThrownBy(() -> builder().name("a\nb")).hasMessage("name: must be 1 to 128 printable characters, was 'a?b'");
    assertThatThrownBy(() -> builder().name("x".repeat(129))).hasMessageStartingWith("name: ");
    assertThatThrownBy(() -> builder().regionHints("EU", " ")).hasMessage("regionHints: must not contain a blank entry");
    assertThatThrownBy(() -> builder().providerOption("bad key", "v")).hasMessage("providerOptions: invalid key 'bad key'");
  }
}
