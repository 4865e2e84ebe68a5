package dev.atlas.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atlas.auth.Token;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The example app on each container, in process, over real HTTP. */
class LauncherTest {
  static final String K = Token.mint().token();
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  static HttpResponse<String> get(int port, String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @EnumSource(Launcher.Kind.class)
  void protectsTheEchoAndLeavesHealthOpen(Launcher.Kind kind) throws Exception {
    try (Servers.Running app = Launcher.start(new Launcher.Options(kind, true), "127.0.0.1", 0, Map.of("ATLAS_PRESHARED_KEY", K)::get)) {
      HttpResponse<String> refused = get(app.port(), "/api/echo");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"atlas\"");
      assertThat(get(app.port(), "/api/echo", "Authorization", "Bearer " + K).body())
          .isEqualTo("echo GET /api/echo as atlas-preshared-key\n");
      assertThat(get(app.port(), "/health").body()).isEqualTo("ok\n");
    }
  }

  @ParameterizedTest
  @EnumSource(Launcher.Kind.class)
  void runsTheSameAppWithoutTheFilterWhenAskedTo(Launcher.Kind kind) throws Exception {
    try (Servers.Running app = Launcher.start(new Launcher.Options(kind, false), "127.0.0.1", 0, Map.<String, String>of()::get)) {
      assertThat(get(app.port(), "/api/echo").body()).isEqualTo("echo GET /api/echo as anonymous\n");
    }
  }

  @ParameterizedTest
  @EnumSource(Launcher.Kind.class)
  void refusesToStartWithoutAKey(Launcher.Kind kind) {
    // Tomcat keeps a failed context's cause in its log; Jetty's start() rethrows the filter's exception.
    String expected = kind == Launcher.Kind.TOMCAT
        ? "the application did not start; see the log above"
        : "filter atlas_bearer cannot start: no preshared key: set ATLAS_PRESHARED_KEY to the pod's key, or"
            + " ATLAS_PRESHARED_KEY_FILE to a file holding it";
    assertThatThrownBy(() -> Launcher.start(new Launcher.Options(kind, true), "127.0.0.1", 0, Map.<String, String>of()::get))
        .hasMessage(expected);
  }

  @Test
  void parsesTheCommandLineAndTheEnvironment() {
    assertThat(Launcher.Options.parse(List.of())).isEqualTo(new Launcher.Options(Launcher.Kind.TOMCAT, true));
    assertThat(Launcher.Options.parse(List.of("--container", "jetty-ee11", "--no-auth")))
        .isEqualTo(new Launcher.Options(Launcher.Kind.JETTY_EE11, false));
    assertThat(Launcher.Options.parse(List.of("--container=JETTY-EE10")))
        .isEqualTo(new Launcher.Options(Launcher.Kind.JETTY_EE10, true));
    assertThatThrownBy(() -> Launcher.Options.parse(List.of("--container", "undertow")))
        .hasMessage("--container must be tomcat, jetty-ee10 or jetty-ee11, was 'undertow'");
    assertThatThrownBy(() -> Launcher.Options.parse(List.of("--auth"))).hasMessageStartingWith("unknown argument '--auth'");
    assertThat(Launcher.port(null)).isEqualTo(8080);
    assertThat(Launcher.port(" 0 ")).isZero();
    assertThatThrownBy(() -> Launcher.port("http")).hasMessage("PORT must be a number, was 'http'");
    assertThatThrownBy(() -> Launcher.port("70000")).hasMessage("PORT must be 0 to 65535, was 70000");
    assertThat(Launcher.host(null)).isEqualTo("0.0.0.0");
  }
}
