package dev.atlas.auth.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.atlas.auth.servlet.Container.App;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** §6 row 19 and the init-params, on every container: a filter that cannot start keeps the app from starting. */
class FailClosedStartTest {
  interface Kind {
    Container create() throws Exception;
  }

  static Stream<Arguments> containers() {
    return Stream.of(
        Arguments.of("Tomcat 11", (Kind) TomcatContainer::new),
        Arguments.of("Jetty 12 ee10", (Kind) JettyContainer::ee10),
        Arguments.of("Jetty 12 ee11", (Kind) JettyContainer::ee11));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void row19TheApplicationDoesNotStartWithoutAKey(String name, Kind kind) throws Exception {
    assertDoesNotStart(kind, Map.of(), Map.of(),
        "filter atlas_bearer cannot start: no preshared key: set ATLAS_PRESHARED_KEY to the pod's key, or"
            + " ATLAS_PRESHARED_KEY_FILE to a file holding it");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void row19TheApplicationDoesNotStartWithAShortKey(String name, Kind kind) throws Exception {
    String shortKey = "s".repeat(31);
    String message = assertDoesNotStart(kind, Map.of(), Map.of("ATLAS_PRESHARED_KEY", shortKey),
        "filter atlas_bearer cannot start: unusable preshared key in ATLAS_PRESHARED_KEY: it has 31 characters");
    assertThat(message).doesNotContain(shortKey);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void theApplicationDoesNotStartWithAnUnknownInitParam(String name, Kind kind) throws Exception {
    assertDoesNotStart(kind, Map.of("excludePath", "/health"), TestApps.ENV,
        "filter atlas_bearer has an invalid init-param: unknown setting 'excludePath'");
  }

  /** Starts a container with one context "/pod"; returns the failure message, which must start with {@code expected}. */
  private static String assertDoesNotStart(Kind kind, Map<String, String> params, Map<String, String> env, String expected)
      throws Exception {
    try (Container c = kind.create(); LogCapture tomcatLog = LogCapture.start("org.apache.catalina.core")) {
      Throwable thrown = catchThrowable(() -> c.start(List.of(new App("/pod", TestApps.app(params, env::get)))));
      assertThat(c.available("/pod")).isFalse();
      String message;
      if (c.failedContextFailsStart()) {
        assertThat(thrown).isNotNull();
        message = thrown.getMessage();
      } else {
        assertThat(thrown).isNull();
        // The server runs; the context does not, so nothing answers for it.
        assertThat(RawHttp.exchange(c.port(), "GET", "/pod/api/echo", "Authorization: Bearer " + TestApps.K).status())
            .isEqualTo(404);
        message = tomcatLog.lines().stream().filter(l -> l.contains("Exception starting filter [atlas_bearer]"))
            .findFirst().orElseThrow().replaceFirst(".* \\| jakarta.servlet.ServletException: ", "");
      }
      assertThat(message).startsWith(expected);
      return message;
    }
  }
}
