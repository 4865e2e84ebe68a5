package dev.atlas.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresharedKeyTest {
  static final String K = Token.mint().token();

  static PresharedKey load(Map<String, String> env) {
    return PresharedKey.fromEnvironment(env, PresharedKey.ENV, PresharedKey.FILE_ENV, PresharedKey.PREVIOUS_ENV);
  }

  @Test
  void loadsTheKeyFromTheEnvironment() {
    PresharedKey key = load(Map.of("ATLAS_PRESHARED_KEY", K));
    assertThat(key.matches(K)).isTrue();
    assertThat(key.matches(K + "x")).isFalse();
    assertThat(key.rotating()).isFalse();
  }

  @Test
  void loadsTheKeyFromAFileTrimmingTheTrailingNewline(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key");
    Files.writeString(file, K + "\n");
    PresharedKey key = load(Map.of("ATLAS_PRESHARED_KEY_FILE", file.toString()));
    assertThat(key.matches(K)).isTrue();
  }

  @Test
  void theVariableWinsOverTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key");
    Files.writeString(file, Token.mint().token());
    PresharedKey key = load(Map.of("ATLAS_PRESHARED_KEY", K, "ATLAS_PRESHARED_KEY_FILE", file.toString()));
    assertThat(key.matches(K)).isTrue();
  }

  @Test
  void anUnreadableFileFailsNamingTheVariableNotTheContent() {
    assertThatThrownBy(() -> load(Map.of("ATLAS_PRESHARED_KEY_FILE", "/nonexistent/key")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ATLAS_PRESHARED_KEY_FILE");
  }

  @Test
  void missingBlankShortOrUnsafeKeysFailSayingWhatToSetWithoutTheValue() {
    assertThatThrownBy(() -> load(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set ATLAS_PRESHARED_KEY")
        .hasMessageContaining("ATLAS_PRESHARED_KEY_FILE");
    assertThatThrownBy(() -> load(Map.of("ATLAS_PRESHARED_KEY", "   "))).hasMessageContaining("blank");
    String shortKey = "abcdefghijklmnopqrstuvwxyz01234"; // 31
    assertThatThrownBy(() -> load(Map.of("ATLAS_PRESHARED_KEY", shortKey)))
        .hasMessageContaining("31 characters")
        .hasMessageNotContaining(shortKey);
    String spaced = K.substring(0, 20) + " " + K.substring(21);
    assertThatThrownBy(() -> load(Map.of("ATLAS_PRESHARED_KEY", spaced)))
        .hasMessageContaining("cannot carry")
        .hasMessageNotContaining(K.substring(0, 20));
  }

  @Test
  void previousKeyIsAcceptedDuringRotation() {
    String previous = Token.mint().token();
    Map<String, String> env = new HashMap<>();
    env.put("ATLAS_PRESHARED_KEY", K);
    env.put("ATLAS_PRESHARED_KEY_PREVIOUS", previous);
    PresharedKey key = load(env);
    assertThat(key.rotating()).isTrue();
    assertThat(key.match(K, 0, K.length())).isEqualTo(PresharedKey.Slot.CURRENT);
    assertThat(key.match(previous, 0, previous.length())).isEqualTo(PresharedKey.Slot.PREVIOUS);
    assertThat(key.matches(Token.mint().token())).isFalse();
  }

  @Test
  void matchComparesOnlyTheGivenRange() {
    PresharedKey key = PresharedKey.of(K);
    String header = "Bearer " + K;
    assertThat(key.match(header, 7, header.length())).isEqualTo(PresharedKey.Slot.CURRENT);
    assertThat(key.match(header, 6, header.length())).isEqualTo(PresharedKey.Slot.NONE);
    assertThat(key.match(header, 7, header.length() - 1)).isEqualTo(PresharedKey.Slot.NONE);
    assertThat(key.match("", 0, 0)).isEqualTo(PresharedKey.Slot.NONE);
  }

  @Test
  void everyPrefixAndExtensionIsRefused() {
    PresharedKey key = PresharedKey.of(K);
    for (int i = 0; i < K.length(); i++) {
      assertThat(key.matches(K.substring(0, i))).isFalse();
    }
    assertThat(key.matches(K + "A")).isFalse();
    assertThat(key.matches(K + "=")).isFalse();
  }

  @Test
  void toStringNeverShowsTheKey() {
    PresharedKey key = PresharedKey.of(K, Token.mint().token());
    assertThat(key.toString()).doesNotContain(K).contains("redacted");
  }

  @Test
  void ofRejectsBadKeysNamingTheArgument() {
    assertThatThrownBy(() -> PresharedKey.of("short")).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("key:");
    assertThatThrownBy(() -> PresharedKey.of(K, "short")).hasMessageStartingWith("previous:");
    assertThatThrownBy(() -> PresharedKey.of(null)).isInstanceOf(NullPointerException.class).hasMessage("key");
  }
}
