package dev.atlas.spawn.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The API key, the settings, the backoff and the create body: each rejects bad input by name. */
class RunPodValuesTest {
  private static final String KEY = "rpa_SECRET0123456789";

  @Test
  void theApiKeyNeverPrintsItselfAndRejectsWhatAHeaderCannotCarry() {
    RunPodApiKey key = RunPodApiKey.of(KEY);

    assertThat(key.toString()).isEqualTo("RunPodApiKey[<redacted>]");
    assertThat(key.secretValue()).isEqualTo(KEY);
    assertThatThrownBy(() -> RunPodApiKey.of(" ")).hasMessage("key: the RunPod API key is blank");
    assertThatThrownBy(() -> RunPodApiKey.of("abc\r\nX-Evil: 1"))
        .hasMessage("key: the RunPod API key holds a character that is not visible ASCII, at index 3");
  }

  @Test
  void settingsComeFromPropertiesFirstThenTheEnvironmentNames() {
    Map<String, String> values = Map.of(
        "atlas.runpod.base-url", "https://runpod.example.test/gateway/",
        "RUNPOD_API_KEY", KEY,
        "ATLAS_RUNPOD_OWNER", "team-7",
        "atlas.runpod.request-timeout", "PT12S");

    RunPodConfig config = RunPodConfig.load(k -> Optional.ofNullable(values.get(k)));

    assertThat(config.baseUrl()).isEqualTo(URI.create("https://runpod.example.test/gateway"));
    assertThat(config.apiKey().orElseThrow().secretValue()).isEqualTo(KEY);
    assertThat(config.namePrefix()).isEqualTo("atlas-team-7-");
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(config.toString()).doesNotContain(KEY).contains("apiKey=<redacted>");
  }

  @Test
  void unsetSettingsTakeTheDocumentedDefaults() {
    RunPodConfig config = RunPodConfig.load(k -> Optional.empty());

    assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.runpod.io"));
    assertThat(config.apiKey()).isEmpty();
    assertThat(config.owner()).isEqualTo("app");
    assertThat(config.retry()).isEqualTo(RetryPolicy.DEFAULT);
    assertThat(config.toString()).contains("apiKey=<absent>");
    assertThatThrownBy(() -> RunPodClient.create(config)).isInstanceOf(IllegalStateException.class)
        .hasMessage("no RunPod API key: set atlas.runpod.api-key or the environment variable RUNPOD_API_KEY");
  }

  @Test
  void unusableSettingsFailNamingTheKey() {
    assertThatThrownBy(() -> RunPodConfig.load(k -> k.equals("atlas.runpod.owner") ? Optional.of("Team_A") : Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("atlas.runpod.owner: owner: must be 1-32 of a-z 0-9 '-', not starting or ending with '-', was 'Team_A'");
    assertThatThrownBy(() -> RunPodConfig.load(k -> k.equals("atlas.runpod.request-timeout") ? Optional.of("30") : Optional.empty()))
        .hasMessageStartingWith("atlas.runpod.request-timeout: ");
    assertThatThrownBy(() -> RunPodConfig.load(k -> k.equals("ATLAS_RUNPOD_BASE_URL") ? Optional.of("https://api.runpod.io/v2") : Optional.empty()))
        .hasMessage("atlas.runpod.base-url / ATLAS_RUNPOD_BASE_URL: baseUrl: give the host only (the client adds "
            + "/v2/...); REST v1 is retired, was https://api.runpod.io/v2");
    assertThatThrownBy(() -> RunPodConfig.load(k -> k.equals("atlas.runpod.base-url") ? Optional.of("https://user:pw@host") : Optional.empty()))
        .hasMessage("atlas.runpod.base-url / ATLAS_RUNPOD_BASE_URL: baseUrl: must not hold user info (credentials go in the API key)");
  }

  @Test
  void backoffIsCappedExponentialFullJitterAndNeverShortOfRetryAfter() {
    RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(700), Duration.ofSeconds(30));
    Backoff top = new Backoff(policy, () -> 0.999999);
    Backoff bottom = new Backoff(policy, () -> 0.0);

    assertThat(List.of(top.delay(1), top.delay(2), top.delay(3), top.delay(4), top.delay(40)))
        .extracting(Duration::toMillis).containsExactly(99L, 199L, 399L, 699L, 699L);
    assertThat(bottom.delay(3)).isZero();
    assertThat(bottom.delay(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    assertThat(top.delay(Duration.ofSeconds(5))).isBetween(Duration.ofSeconds(5), Duration.ofMillis(5100));
    assertThat(top.waitsFor(Duration.ofSeconds(30))).isTrue();
    assertThat(top.waitsFor(Duration.ofSeconds(31))).isFalse();
    assertThat(new Backoff(policy, () -> Double.NaN).delay(1)).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void aRetryPolicyOutOfRangeIsRefused() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .hasMessage("maxAttempts: must be 1..20, was 0");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
        .hasMessage("maxDelay: must be at least baseDelay (PT2S), was PT1S");
  }

  @Test
  void aPodSpecShowsEnvNamesOnlyAndRejectsWhatRunPodWould() {
    PodSpec spec = PodSpec.builder("atlas-x", "NVIDIA L4").image("img:1").env("ATLAS_PRESHARED_KEY", "s3cr3t-value").build();

    assertThat(spec.toString()).contains("env names=[ATLAS_PRESHARED_KEY]").doesNotContain("s3cr3t-value");
    assertThatThrownBy(() -> PodSpec.builder("atlas-x", "NVIDIA L4").build())
        .hasMessage("image: required unless templateId is set");
    assertThatThrownBy(() -> PodSpec.builder("atlas-x", "NVIDIA L4").port("8000"))
        .hasMessage("port: must be <1-65535>/http or <1-65535>/tcp, was '8000'");
    assertThatThrownBy(() -> PodSpec.builder("atlas-x", "NVIDIA L4").port("70000/tcp"))
        .hasMessage("port: must be <1-65535>/http or <1-65535>/tcp, was '70000/tcp'");
    assertThatThrownBy(() -> PodSpec.builder("atlas-x", "NVIDIA L4").env("1BAD", "v"))
        .hasMessage("env: not a valid variable name: '1BAD'");
    assertThatThrownBy(() -> new PodSpec.PersistentMount(9, "/w")).hasMessage("sizeGb: RunPod's floor is 10 GB, was 9");
    assertThatThrownBy(() -> PodSpec.builder(" ", "NVIDIA L4")).hasMessage("name: must not be blank");
  }

  @Test
  void aProblemKnowsCapacityOnlyFromItsProse() {
    assertThat(new Problem("Bad Request", 400, FakeRunPod.CAPACITY_DETAIL, List.of()).isCapacity()).isTrue();
    assertThat(new Problem("Bad Request", 400, "exactly one of gpu or cpu must be set", List.of()).isCapacity()).isFalse();
  }
}
