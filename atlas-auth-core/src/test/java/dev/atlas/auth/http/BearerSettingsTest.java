package dev.atlas.auth.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atlas.auth.Token;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerSettingsTest {
  static final String K = Token.mint().token();
  static final Map<String, String> ENV = Map.of(
      "ATLAS_PRESHARED_KEY", K,
      "OTHER_KEY", K,
      "SIGNING", "s".repeat(43));

  static AuthRequest get(String path, String... authorization) {
    return new AuthRequest("GET", List.of(authorization), null, null, path, path, null);
  }

  @Test
  void defaultsAreSecure() {
    BearerPolicy policy = BearerSettings.toPolicy(Map.of(), ENV::get);
    assertThat(policy.realm()).isEqualTo("atlas");
    assertThat(policy.hasKey()).isTrue();
    assertThat(policy.decide(get("/health"))).isInstanceOf(Decision.Refuse.class);
    assertThat(policy.decide(get("/x", "Bearer " + K))).isInstanceOf(Decision.Allow.class);
  }

  @Test
  void everySettingIsApplied() {
    Map<String, String> s = new HashMap<>();
    s.put(BearerSettings.REALM, "pod-7");
    s.put(BearerSettings.KEY_ENV, "OTHER_KEY");
    s.put(BearerSettings.EXCLUDE_PATHS, "/health, /metrics/*");
    s.put(BearerSettings.ALLOW_PREFLIGHT, "true");
    s.put(BearerSettings.CORS_ALLOWED_ORIGINS, "http://localhost:8080 https://app.test");
    s.put(BearerSettings.SIGNING_SECRET_ENV, "SIGNING");
    s.put(BearerSettings.MAX_TOKEN_LENGTH, "64");
    BearerPolicy policy = BearerSettings.toPolicy(s, ENV::get);
    assertThat(((Decision.Refuse) policy.decide(get("/x"))).challenge()).isEqualTo("Bearer realm=\"pod-7\"");
    assertThat(policy.decide(get("/metrics/a"))).isInstanceOf(Decision.Pass.class);
    assertThat(policy.corsHeaders("https://app.test")).isNotEmpty();
    assertThat(policy.decide(get("/x", "Bearer " + "a".repeat(65))).reason()).isEqualTo(Reason.MALFORMED_TOKEN);
  }

  @Test
  void unknownSettingFailsNamingIt() {
    assertThatThrownBy(() -> BearerSettings.toPolicy(Map.of("exludePaths", "/health"), ENV::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'exludePaths'");
  }

  @Test
  void lenientBooleansAreRefused() {
    for (String bad : List.of("yes", "TRUE", "1", "")) {
      assertThatThrownBy(() -> BearerSettings.toPolicy(Map.of(BearerSettings.ALLOW_PREFLIGHT, bad), ENV::get))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("allowPreflight must be true or false");
    }
  }

  @Test
  void invalidValuesFailNamingTheSetting() {
    assertThatThrownBy(() -> BearerSettings.toPolicy(Map.of(BearerSettings.MAX_TOKEN_LENGTH, "abc"), ENV::get))
        .hasMessageStartingWith("maxTokenLength");
    assertThatThrownBy(() -> BearerSettings.toPolicy(Map.of(BearerSettings.MAX_TOKEN_LENGTH, "5"), ENV::get))
        .hasMessageStartingWith("maxTokenLength");
    assertThatThrownBy(() -> BearerSettings.toPolicy(Map.of(BearerSettings.EXCLUDE_PATHS, "health"), ENV::get))
        .hasMessageStartingWith("excludePaths");
    assertThatThrownBy(() -> BearerSettings.toPolicy(Map.of(BearerSettings.CORS_ALLOWED_ORIGINS, "*"), ENV::get))
        .hasMessageStartingWith("corsAllowedOrigins");
    assertThatThrownBy(() -> BearerSettings.toPolicy(Map.of(BearerSettings.KEY_ENV, "not a name"), ENV::get))
        .hasMessageStartingWith("keyEnv");
    assertThatThrownBy(() -> BearerSettings.toPolicy(Map.of(BearerSettings.REALM, "a\\b"), ENV::get))
        .hasMessageStartingWith("realm");
    assertThatThrownBy(() -> BearerSettings.toPolicy(
            Map.of(BearerSettings.ALLOW_PREFLIGHT, "false", BearerSettings.CORS_ALLOWED_ORIGINS, "http://a.test"), ENV::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allowPreflight");
  }

  @Test
  void aMissingKeyFailsSayingWhichVariableToSet() {
    assertThatThrownBy(() -> BearerSettings.toPolicy(Map.of(BearerSettings.KEY_ENV, "POD_KEY"), name -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set POD_KEY");
  }

  @Test
  void aNamedButMissingSigningSecretFailsInsteadOfSilentlyDisablingSignedUrls() {
    assertThatThrownBy(() -> BearerSettings.toPolicy(Map.of(BearerSettings.SIGNING_SECRET_ENV, "NOPE"), ENV::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NOPE");
  }
}
