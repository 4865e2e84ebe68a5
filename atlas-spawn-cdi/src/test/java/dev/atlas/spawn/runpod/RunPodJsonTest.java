package dev.atlas.spawn.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing RunPod's own examples from its v2 OpenAPI document, and the edges of the schema. */
class RunPodJsonTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in = RunPodJsonTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTheListPodsExampleOfTheV2Spec() throws IOException {
    RunPodJson.Page<Pod> page = RunPodJson.podPage(resource("openapi-example-list-pods.json"));

    assertThat(page.nextCursor()).isEmpty();
    Pod pod = page.items().get(0);
    assertThat(pod.id()).isEqualTo("7h9k2m4n6p");
    assertThat(pod.name()).isEqualTo("pytorch-training");
    assertThat(pod.status()).isEqualTo(PodStatus.RUNNING);
    assertThat(pod.actions()).containsExactly("stop", "restart", "terminate");
    assertThat(pod.gpuId()).hasValue("NVIDIA GeForce RTX 4090");
    assertThat(pod.gpuCount()).isEqualTo(1);
    assertThat(pod.cloud()).isEqualTo("SECURE");
    assertThat(pod.dataCenterId()).hasValue("US-KS-2");
    assertThat(pod.costPerHour()).isEqualTo(0.44);
    assertThat(pod.ports()).containsExactly("8888/http", "22/tcp");
    assertThat(pod.runtimePorts()).containsExactly(new RuntimePort(22, Optional.of(34446), "tcp", Optional.of("195.26.233.3")));
    assertThat(pod.createdAt()).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
    assertThat(pod.startedAt()).hasValue(Instant.parse("2026-06-01T12:02:00Z"));
    assertThat(pod.toString()).doesNotContain("llama-3"); // the example's env value
    assertThat(pod.proxyUrl(8888)).isEqualTo("https://7h9k2m4n6p-8888.proxy.runpod.net");
  }

  @Test
  void readsTheListGpuTypesExampleOfTheV2Spec() throws IOException {
    GpuType gpu = RunPodJson.gpuPage(resource("openapi-example-list-gpus.json")).items().get(0);

    assertThat(gpu).isEqualTo(new GpuType("NVIDIA GeForce RTX 4090", "RTX 4090", 24, true, true, 0.44, 0.31,
        Availability.HIGH, List.of("US-KS-2")));
  }

  @Test
  void aPodThatIsNotRunningHasNoRuntimeAndUnknownStatusesAreKeptApart() {
    Pod pod = RunPodJson.pod(json("{\"id\":\"a\",\"name\":\"n\",\"status\":\"HIBERNATING\",\"runtime\":null,"
        + "\"dataCenterId\":null,\"startedAt\":null,\"createdAt\":\"2026-06-01T12:00:00+02:00\",\"newField\":{\"x\":1}}"));

    assertThat(pod.status()).isEqualTo(PodStatus.UNKNOWN);
    assertThat(pod.runtimePorts()).isEmpty();
    assertThat(pod.dataCenterId()).isEmpty();
    assertThat(pod.gpuId()).isEmpty();
    assertThat(pod.createdAt()).isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
  }

  @Test
  void aNextCursorIsReturnedWithThePage() {
    assertThat(RunPodJson.podPage(json("{\"pods\":[],\"nextCursor\":\"abc\"}")).nextCursor()).hasValue("abc");
    assertThat(RunPodJson.podPage(json("{\"pods\":[],\"nextCursor\":null}")).nextCursor()).isEmpty();
  }

  @Test
  void schemaBreaksNameTheFieldButNeverTheValue() {
    assertThatThrownBy(() -> RunPodJson.pod(json("{\"id\":\"a\",\"name\":\"n\",\"status\":\"RUNNING\","
        + "\"createdAt\":\"yesterday secret-ish\"}")))
        .isInstanceOf(RunPodJson.Malformed.class).hasMessage("field 'createdAt' is not an RFC 3339 date-time");
    assertThatThrownBy(() -> RunPodJson.podPage(json("{\"pods\":[{\"id\":7}]}")))
        .hasMessage("field 'pods[0].id' is missing or not a string");
    assertThatThrownBy(() -> RunPodJson.podPage(json("{\"items\":[]}")))
        .hasMessage("field 'pods' is missing or not an array");
    assertThatThrownBy(() -> RunPodJson.pod(json("[1]"))).hasMessage("the body is not a JSON object");
    assertThatThrownBy(() -> RunPodJson.pod(json("{\"env\":{\"K\":\"s3cr3t\"}"))).hasMessage("the body is not valid JSON");
  }

  @Test
  void aProblemBodyIsReadAndAnythingElseIsNot() {
    assertThat(RunPodJson.problem(json("{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"access denied\"}")))
        .hasValue(new Problem("Forbidden", 403, "access denied", List.of()));
    assertThat(RunPodJson.problem(json("<html>502</html>"))).isEmpty();
    assertThat(RunPodJson.problem(new byte[0])).isEmpty();
  }

  @Test
  void theActionBodyIsOneField() {
    assertThat(new String(RunPodJson.actionBody("stop"), StandardCharsets.UTF_8)).isEqualTo("{\"action\":\"stop\"}");
  }
}
