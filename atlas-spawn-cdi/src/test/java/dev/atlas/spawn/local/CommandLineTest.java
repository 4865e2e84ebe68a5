package dev.atlas.spawn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  @Test
  void splitsOnBlanksAndHonoursQuotesAndEscapes() {
    assertThat(CommandLine.split("  java   -jar  pod.jar "))
        .containsExactly("java", "-jar", "pod.jar");
    assertThat(CommandLine.split("sh -c 'echo \"$PORT\"; exit 1'"))
        .containsExactly("sh", "-c", "echo \"$PORT\"; exit 1");
    assertThat(CommandLine.split("a\\ b \"c \\\"d\\\" \\x\" ''"))
        .containsExactly("a b", "c \"d\" \\x", "");
  }

  @Test
  void rejectsUnterminatedQuotesAndTrailingBackslash() {
    assertThatThrownBy(() -> CommandLine.split("sh -c 'x")).hasMessage("image: unterminated ' in command line");
    assertThatThrownBy(() -> CommandLine.split("sh -c \"x")).hasMessage("image: unterminated \" in command line");
    assertThatThrownBy(() -> CommandLine.split("x \\")).hasMessage("image: trailing \\ in command line");
  }

  @Test
  void javaMeansThisJvmsLauncher() {
    assertThat(CommandLine.resolveJava(CommandLine.split("java -version")))
        .containsExactly(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version");
    assertThat(CommandLine.resolveJava(CommandLine.split("/usr/bin/java -version")).get(0)).isEqualTo("/usr/bin/java");
  }
}
