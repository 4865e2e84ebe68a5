package dev.atlas.demo.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.atlas.auth.Token;
import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeStatus;
import dev.atlas.spawn.ReservedEnv;
import dev.atlas.spawn.local.LocalComputeProvider;
import dev.atlas.spawn.testpod.StandInPods;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo end to end in a real headless Chromium: start a session, see the answer streamed from
 * the pod (cross-origin, bearer token), end the session; then no pod process is left and no token
 * is in the control plane's log. Needs Debian's {@code chromium} and {@code chromium-driver}; fails
 * without them when {@code CI=true}, skips otherwise.
 */
class DemoPageInChromiumTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir Path profile;
  private LogCapture logs;
  private ControlPlane plane;
  private WebDriver browser;

  @BeforeEach
  void start() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String why = "headless Chromium needs /usr/bin/chromium and /usr/bin/chromedriver"
          + " (Debian packages chromium and chromium-driver)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why + "; CI=true, so this is a failure, not a skip");
      }
      Assumptions.abort(why);
    }
    logs = new LogCapture();
    plane = ControlPlane.start(0, port -> new DemoConfig(StandInPods.command(), Duration.ofMinutes(2),
        Duration.ofSeconds(60), 2, DemoConfig.originsFor(port), java.time.Clock.systemUTC()));
    browser = chromium();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (plane != null) {
      plane.close();
    }
    if (logs != null) {
      logs.close();
    }
  }

  private WebDriver chromium() {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences prefs = new LoggingPreferences();
    prefs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", prefs);
    return new ChromeDriver(service, options);
  }

  @Test
  void startShowsTheAnswerStreamedFromThePodAndEndLeavesNoPodAndNoTokenInTheLog() throws IOException {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
    browser.get(plane.url().toString());
    assertThat(browser.getTitle()).isEqualTo("Atlas control plane");

    browser.findElement(By.id("start")).click();
    wait.until(d -> {
      String state = d.findElement(By.id("answer")).getAttribute("data-state");
      if ("error".equals(state)) {
        throw new AssertionError("page failed: " + d.findElement(By.id("status")).getText());
      }
      return "done".equals(state);
    });

    assertThat(browser.findElement(By.id("answer")).getText()).isEqualTo("Echo: What is a bearer token?");
    List<String> sessions = plane.sessions().ids();
    assertThat(sessions).hasSize(1);
    String id = sessions.get(0);
    assertThat(browser.findElement(By.id("session-id")).getText()).isEqualTo(id);
    LocalComputeProvider local = (LocalComputeProvider) plane.spawner().provider();
    long pid = local.pid(id).orElseThrow();
    String token = podToken(pid);

    browser.findElement(By.id("end")).click();
    wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-ended", id));

    assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Session ended; the pod is gone.");
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(plane.spawner().get(id).map(Compute::status)).contains(ComputeStatus.TERMINATED);
    assertThat(plane.sessions().ids()).isEmpty();
    assertThat(ProcessHandle.current().descendants().filter(p -> p.pid() == pid)).isEmpty();
    List<String> consoleErrors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .collect(Collectors.toList());
    assertThat(consoleErrors).isEmpty();
    assertThat(logs.size()).isPositive();
    assertThat(logs.all()).contains(id).doesNotContain(token).doesNotContain(Token.hash(token));
  }

  /** The token the pod really received: its environment, read from /proc while it runs. */
  private static String podToken(long pid) throws IOException {
    String environ = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
        StandardCharsets.UTF_8);
    Map<String, String> env = java.util.Arrays.stream(environ.split("\0"))
        .filter(e -> e.indexOf('=') > 0)
        .collect(Collectors.toMap(e -> e.substring(0, e.indexOf('=')), e -> e.substring(e.indexOf('=') + 1)));
    String token = env.get(ReservedEnv.PRESHARED_KEY);
    assertThat(token).hasSize(43);
    return token;
  }
}
