package dev.atlas.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atlas.auth.Token;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shaded jar as a real process: {@code java -jar servlet-app.jar --container ...}. */
class ServletAppJarIT {
  static final Pattern LISTENING = Pattern.compile("servlet-app: (\\S+) listening on port (\\d+) \\((.*)\\)");
  static final String K = Token.mint().token();

  static Process launch(String key, String... args) throws IOException {
    Path jar = Path.of(System.getProperty("servlet-app.jar", "target/servlet-app.jar"));
    assertThat(jar).isRegularFile();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().remove("ATLAS_PRESHARED_KEY");
    pb.environment().put("HOST", "127.0.0.1");
    pb.environment().put("PORT", "0");
    if (key != null) {
      pb.environment().put("ATLAS_PRESHARED_KEY", key);
    }
    return pb.start();
  }

  /** Waits for the line that says the app listens; returns the port. */
  static int awaitListening(Process p) throws Exception {
    CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          Matcher m = LISTENING.matcher(line);
          if (m.matches()) {
            return Integer.parseInt(m.group(2));
          }
        }
        throw new IllegalStateException("exited without listening");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return port.get(60, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tomcat", "jetty-ee10", "jetty-ee11"})
  void theJarServesTheProtectedAppOnTheContainerAsked(String container) throws Exception {
    Process p = launch(K, "--container", container);
    try {
      int port = awaitListening(p);
      HttpResponse<String> refused = LauncherTest.get(port, "/api/echo");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"atlas\"");
      assertThat(LauncherTest.get(port, "/api/echo", "Authorization", "Bearer " + K).body())
          .isEqualTo("echo GET /api/echo as atlas-preshared-key\n");
      assertThat(LauncherTest.get(port, "/health").statusCode()).isEqualTo(200);
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void theJarExitsWithStatus2InsteadOfServingWithoutAKey() throws Exception {
    Process p = launch(null, "--container", "tomcat");
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(2);
      assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("listening");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void noAuthServesTheSameAppOpenly() throws Exception {
    Process p = launch(null, "--container", "jetty-ee11", "--no-auth");
    try {
      int port = awaitListening(p);
      assertThat(LauncherTest.get(port, "/api/echo").body()).isEqualTo("echo GET /api/echo as anonymous\n");
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
