package dev.atlas.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atlas.spawn.local.LocalComputeProvider;
import dev.atlas.spawn.testpod.StandInPods;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spawner over real local pods: a stand-in inference pod in a child JVM. */
class LocalSpawnerTest {
  @TempDir Path dir;
  private LocalComputeProvider local;
  private ComputeSpawner spawner;
  private final List<ComputeEvent> events = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void createSpawner() {
    local = LocalComputeProvider.create(dir.resolve("logs"), dir, Duration.ofSeconds(2), Clock.systemUTC());
    spawner = ComputeSpawner.builder(local).listener(events::add).pollInterval(Duration.ofMillis(100)).build();
  }

  @AfterEach
  void closeProvider() {
    local.close();
  }

  private HttpResponse<String> get(URI url, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aReadyPodServesItsOneUserWithTheReturnedTokenAndNobodyElse() throws Exception {
    Compute pod = spawner.spawnAndAwaitReady(
        ComputeRequest.builder(StandInPods.command()).port("8000/http").build(), Duration.ofSeconds(60));
    URI url = pod.url().orElseThrow();
    String token = pod.auth().orElseThrow().token();
    URI stream = URI.create(url + "/v1/stream?prompt=hello%20world&max_tokens=8");

    HttpResponse<String> ok = get(stream, "Bearer " + token);
    HttpResponse<String> anonymous = get(stream, null);
    HttpResponse<String> wrong = get(stream, "Bearer " + token.substring(1) + "x");

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("event: token\ndata: {\"token\":\"hello\"}").endsWith("event: done\ndata: {}\n\n");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(events).extracting(Object::getClass).containsExactly(ComputeEvent.Spawned.class, ComputeEvent.Ready.class);

    long pid = local.pid(pod.id()).orElseThrow();
    spawner.terminate(pod.id());
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void aPodCommandThatExitsAtOnceFailsTheSpawnAndLeavesNothing() {
    ComputeRequest request = ComputeRequest.builder("sh -c 'echo cannot load model >&2; exit 7'").port("8000/http").build();

    assertThatThrownBy(() -> spawner.spawnAndAwaitReady(request, Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(ComputeException.class, e -> {
          assertThat(e.kind()).isEqualTo(ComputeException.Kind.PROVIDER);
          assertThat(e.getMessage()).endsWith("is FAILED (process exited with code 7)");
        });
    Compute pod = local.list().get(0);
    assertThat(pod.status()).isEqualTo(ComputeStatus.TERMINATED);
    assertThat(events).extracting(Object::getClass).containsExactly(
        ComputeEvent.Spawned.class, ComputeEvent.Terminated.class, ComputeEvent.Failed.class);
  }

  @Test
  void aPodThatNeverGetsReadyIsTerminatedAtTheDeadlineWithNoProcessLeft() {
    ComputeRequest request = ComputeRequest.builder(StandInPods.command("--never-ready")).port("8000/http").build();
    List<ProcessHandle> seen = new CopyOnWriteArrayList<>();
    ComputeSpawner watching = ComputeSpawner.builder(local).pollInterval(Duration.ofMillis(100))
        .listener(e -> {
          if (e instanceof ComputeEvent.Spawned) {
            long pid = local.pid(((ComputeEvent.Spawned) e).computeId()).orElseThrow();
            seen.add(ProcessHandle.of(pid).orElseThrow());
          }
        }).build();

    assertThatThrownBy(() -> watching.spawnAndAwaitReady(request, Duration.ofSeconds(4)))
        .isInstanceOfSatisfying(ComputeException.class, e -> {
          assertThat(e.kind()).isEqualTo(ComputeException.Kind.TIMEOUT);
          assertThat(e.getMessage()).contains("not ready within PT4S");
        });
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).isAlive()).isFalse();
    assertThat(local.list()).extracting(Compute::status).containsExactly(ComputeStatus.TERMINATED);
  }
}
