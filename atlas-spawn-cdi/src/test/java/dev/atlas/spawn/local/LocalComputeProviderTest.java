package dev.atlas.spawn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atlas.spawn.Compute;
import dev.atlas.spawn.ComputeException;
import dev.atlas.spawn.ComputeRequest;
import dev.atlas.spawn.ComputeStatus;
import dev.atlas.spawn.LaunchSpec;
import dev.atlas.spawn.ReservedEnv;
import dev.atlas.spawn.conformance.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalComputeProviderTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private LocalComputeProvider local;

  @BeforeEach
  void createProvider() {
    local = LocalComputeProvider.create(dir.resolve("logs"), dir, Duration.ofMillis(500), Clock.systemUTC());
  }

  @AfterEach
  void closeProvider() {
    local.close();
  }

  private static LaunchSpec launch(ComputeRequest.Builder request) {
    return LaunchSpec.of(request.build(), "test0001", Map.of(ReservedEnv.PRESHARED_KEY, "k3y"));
  }

  private String logOf(String id) {
    try {
      return Files.readString(local.logFile(id).orElseThrow(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void runsTheCommandOnAFreeLoopbackPortAndWritesItsOutputToThePodLog() {
    Compute pod = local.spawn(launch(ComputeRequest.builder("sh -c 'echo \"listening on $PORT\"; sleep 60'")
        .port("8000/http")));

    int port = pod.url().orElseThrow().getPort();
    assertThat(pod.url().orElseThrow().toString()).isEqualTo("http://127.0.0.1:" + port);
    assertThat(pod.status()).isEqualTo(ComputeStatus.RUNNING);
    Await.until("the pod's output in its log", WAIT, () -> logOf(pod.id()).contains("listening on " + port));
  }

  @Test
  void podGetsACleanEnvironmentWithTheRequestEnvTheCredentialAndPort() {
    Compute pod = local.spawn(launch(ComputeRequest.builder("sleep 60").port("8000/http").env("MODEL", "toy")));

    Map<String, String> env = Procfs.environment(local.pid(pod.id()).orElseThrow());
    assertThat(env)
        .containsEntry("MODEL", "toy")
        .containsEntry(ReservedEnv.PRESHARED_KEY, "k3y")
        .containsEntry(ReservedEnv.LAUNCH_ID, "test0001")
        .containsEntry("PORT", Integer.toString(pod.url().orElseThrow().getPort()));
    Set<String> allowed = new HashSet<>(List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "JAVA_HOME",
        "USER", "MODEL", "PORT", ReservedEnv.PRESHARED_KEY, ReservedEnv.LAUNCH_ID));
    assertThat(env.keySet()).isSubsetOf(allowed);
  }

  @Test
  void aPodThatCrashesShowsFailedWithItsExitCode() {
    Compute pod = local.spawn(launch(ComputeRequest.builder("sh -c 'exit 3'")));

    Compute failed = Await.until("FAILED", WAIT, () -> local.get(pod.id()).filter(c -> c.status() == ComputeStatus.FAILED));
    assertThat(failed.statusDetail()).contains("process exited with code 3");
    assertThat(failed.endpoints()).isEmpty();
  }

  @Test
  void aPodThatExitsCleanlyShowsStopped() {
    Compute pod = local.spawn(launch(ComputeRequest.builder("true")));

    Compute stopped = Await.until("STOPPED", WAIT, () -> local.get(pod.id()).filter(c -> c.status() == ComputeStatus.STOPPED));
    assertThat(stopped.statusDetail()).contains("process exited with code 0");
  }

  @Test
  void terminateEndsTheWholeProcessTree() {
    Compute pod = local.spawn(launch(ComputeRequest.builder("sh -c 'sleep 60 & sleep 60 & wait'")));
    ProcessHandle root = ProcessHandle.of(local.pid(pod.id()).orElseThrow()).orElseThrow();
    List<ProcessHandle> children = Await.until("two children", WAIT, () -> {
      List<ProcessHandle> now = root.descendants().collect(Collectors.toList());
      return now.size() == 2 ? Optional.of(now) : Optional.empty();
    });

    local.terminate(pod.id());

    assertThat(root.isAlive()).isFalse();
    assertThat(children).noneMatch(ProcessHandle::isAlive);
    assertThat(local.get(pod.id()).orElseThrow().status()).isEqualTo(ComputeStatus.TERMINATED);
  }

  @Test
  void aProcessThatIgnoresSigtermIsKilledAfterTheGracePeriod() {
    Compute pod = local.spawn(launch(ComputeRequest.builder(
        "sh -c 'trap \"\" TERM; echo trapped; while true; do sleep 1; done'")));
    Await.until("the trap to be set", WAIT, () -> logOf(pod.id()).contains("trapped"));
    ProcessHandle root = ProcessHandle.of(local.pid(pod.id()).orElseThrow()).orElseThrow();

    local.terminate(pod.id());

    assertThat(root.isAlive()).isFalse();
    assertThat(local.get(pod.id()).orElseThrow().status()).isEqualTo(ComputeStatus.TERMINATED);
  }

  @Test
  void aFixedPortThatIsTakenIsRefusedBeforeAnythingStarts() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ComputeRequest.Builder request = ComputeRequest.builder("sleep 60").port("8000/http")
          .providerOption(LocalComputeProvider.PORT_OPTION, Integer.toString(taken.getLocalPort()));

      assertThatThrownBy(() -> local.spawn(launch(request)))
          .isInstanceOfSatisfying(ComputeException.class, e -> {
            assertThat(e.kind()).isEqualTo(ComputeException.Kind.CAPACITY_UNAVAILABLE);
            assertThat(e).hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
          });
      assertThat(local.list()).isEmpty();
    }
  }

  @Test
  void aFreeFixedPortIsUsed() throws IOException {
    int free;
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      free = probe.getLocalPort();
    }
    Compute pod = local.spawn(launch(ComputeRequest.builder("sleep 60").port("8000/http")
        .providerOption(LocalComputeProvider.PORT_OPTION, Integer.toString(free))));

    assertThat(pod.url()).hasValueSatisfying(url -> assertThat(url.getPort()).isEqualTo(free));
  }

  @Test
  void refusesRequestsItCannotRun() {
    assertKind(ComputeRequest.builder("sleep 60").env("PORT", "1"), ComputeException.Kind.VALIDATION, "env: PORT");
    assertKind(ComputeRequest.builder("sleep 60").providerOption("local.prot", "1"),
        ComputeException.Kind.VALIDATION, "unknown local option local.prot");
    assertKind(ComputeRequest.builder("sleep 60").providerOption("local.port", "http"),
        ComputeException.Kind.VALIDATION, "local.port must be a port number");
    assertKind(ComputeRequest.builder("sh -c 'unterminated"), ComputeException.Kind.VALIDATION, "unterminated '");
    assertKind(ComputeRequest.builder("/nonexistent/pod-binary --serve"), ComputeException.Kind.VALIDATION,
        "cannot start command");
    assertThat(local.list()).isEmpty();
  }

  private void assertKind(ComputeRequest.Builder request, ComputeException.Kind kind, String message) {
    assertThatThrownBy(() -> local.spawn(launch(request)))
        .isInstanceOfSatisfying(ComputeException.class, e -> {
          assertThat(e.kind()).isEqualTo(kind);
          assertThat(e.getMessage()).contains(message).doesNotContain("k3y");
        });
  }

  @Test
  void closeEndsEveryPod() {
    Compute a = local.spawn(launch(ComputeRequest.builder("sleep 60")));
    Compute b = local.spawn(launch(ComputeRequest.builder("sleep 60")));
    ProcessHandle pa = ProcessHandle.of(local.pid(a.id()).orElseThrow()).orElseThrow();
    ProcessHandle pb = ProcessHandle.of(local.pid(b.id()).orElseThrow()).orElseThrow();

    local.close();

    assertThat(pa.isAlive()).isFalse();
    assertThat(pb.isAlive()).isFalse();
  }

  @Test
  void noPodOutlivesTheJvmThatStartedIt() throws Exception {
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ShutdownHookProbe.class.getName(), dir.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long pid = Long.parseLong(output.lines().filter(l -> l.startsWith("pid=")).findFirst().orElseThrow().substring(4));

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
  }
}
