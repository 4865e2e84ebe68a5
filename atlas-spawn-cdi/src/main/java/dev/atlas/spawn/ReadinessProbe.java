package dev.atlas.spawn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** One authenticated {@code GET <url>/health}. */
final class ReadinessProbe {
  private final HttpClient http;
  private final Duration timeout;

  ReadinessProbe(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  /**
   * Probes once. Returns empty when the pod answered 2xx, else a short reason (status code or
   * exception type) to report if the deadline passes.
   *
   * @throws InterruptedException if interrupted while waiting for the answer
   */
  Optional<String> probe(URI base, Optional<ComputeAuth> auth, Duration remaining)
      throws InterruptedException {
    String url = base.toString();
    URI health = URI.create((url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
        + ComputeSpawner.HEALTH_PATH);
    Duration wait = remaining.compareTo(timeout) < 0 ? remaining : timeout;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(health).timeout(wait.isZero() ? Duration.ofMillis(1) : wait).GET();
    auth.ifPresent(a -> request.header("Authorization", a.headerValue()));
    try {
      HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return status >= 200 && status < 300 ? Optional.empty() : Optional.of("HTTP " + status);
    } catch (IOException e) {
      return Optional.of(e.getClass().getSimpleName());
    }
  }
}
