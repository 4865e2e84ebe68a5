package dev.atlas.spawn.runpod;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Sends one call to RunPod and turns every outcome into a response or a {@link RunPodApiException};
 * retries GET and DELETE by the {@link RetryPolicy}.
 */
final class Transport {
  private static final System.Logger LOG = System.getLogger(RunPodClient.class.getName());
  private static final String USER_AGENT = "atlas-runpod/0.1 (Java HttpClient)";
  private static final String ACCEPT = "application/json, application/problem+json";
  /**
   * Env values shorter than this are not scrubbed from problem texts: replacing "1" or "true"
   * everywhere would garble the message, and a value that short is no secret anyway.
   */
  static final int MIN_SCRUBBED = 8;

  record Response(int status, byte[] body, String requestId) {}

  private final URI baseUrl;
  private final HttpClient http;
  private final RunPodApiKey key;
  private final Duration requestTimeout;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final Clock clock;

  Transport(RunPodConfig config, HttpClient http, RunPodApiKey key) {
    this.baseUrl = config.baseUrl();
    this.http = http;
    this.key = key;
    this.requestTimeout = config.requestTimeout();
    this.backoff = new Backoff(config.retry(), config.random());
    this.sleeper = config.sleeper();
    this.clock = config.clock();
  }

  URI baseUrl() {
    return baseUrl;
  }

  Response get(String path) {
    return send("GET", path, null, true, List.of());
  }

  Response delete(String path) {
    return send("DELETE", path, null, true, List.of());
  }

  /** One POST, never retried. {@code secrets} are scrubbed from any problem text. */
  Response post(String path, byte[] body, Collection<String> secrets) {
    return send("POST", path, body, false, secrets);
  }

  private Response send(String method, String path, byte[] body, boolean retrySafe, Collection<String> secrets) {
    List<String> scrub = new ArrayList<>();
    for (String s : secrets) {
      if (s.length() >= MIN_SCRUBBED) {
        scrub.add(s);
      }
    }
    scrub.add(key.secretValue());
    HttpRequest request = request(method, path, body);
    int attempts = retrySafe ? backoff.policy().maxAttempts() : 1;
    for (int attempt = 1; ; attempt++) {
      RunPodApiException failure;
      try {
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        String requestId = requestId(r);
        if (r.statusCode() >= 200 && r.statusCode() < 300) {
          LOG.log(Level.DEBUG, () -> "RunPod " + method + " " + path + " -> " + r.statusCode()
              + " (x-request-id " + requestId + ")");
          return new Response(r.statusCode(), r.body(), requestId);
        }
        failure = httpFailure(method, path, r, requestId, scrub);
      } catch (HttpConnectTimeoutException | ConnectException e) {
        failure = transportFailure(RunPodApiException.Failure.NOT_SENT, method, path, e);
      } catch (HttpTimeoutException e) {
        failure = transportFailure(RunPodApiException.Failure.TIMEOUT, method, path, e);
      } catch (IOException e) {
        failure = transportFailure(RunPodApiException.Failure.CONNECTION_LOST, method, path, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw RunPodApiException.failure(RunPodApiException.Failure.INTERRUPTED, method, path, null,
            "interrupted while waiting for the answer");
      }
      Duration wait = retryWait(failure, attempt, attempts, retrySafe);
      if (wait == null) {
        throw failure;
      }
      final RunPodApiException logged = failure;
      final int n = attempt;
      LOG.log(Level.DEBUG, () -> "retry " + n + " in " + wait.toMillis() + " ms after: " + logged.getMessage());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw RunPodApiException.failure(RunPodApiException.Failure.INTERRUPTED, method, path, null,
            "interrupted while waiting to retry after: " + failure.getMessage());
      }
    }
  }

  /** The wait before the next attempt, or null when the failure is final. */
  private Duration retryWait(RunPodApiException f, int attempt, int attempts, boolean retrySafe) {
    if (!retrySafe || attempt >= attempts) {
      return null;
    }
    boolean retriable = switch (f.failure()) {
      case NOT_SENT, TIMEOUT, CONNECTION_LOST -> true;
      case HTTP -> f.status() == 429 || f.status() >= 500;
      default -> false;
    };
    if (!retriable) {
      return null;
    }
    Optional<Duration> hint = f.retryAfter();
    if (hint.isPresent()) {
      return backoff.waitsFor(hint.get()) ? backoff.delay(hint.get()) : null;
    }
    return backoff.delay(attempt);
  }

  private HttpRequest request(String method, String path, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(requestTimeout)
        .header("Authorization", "Bearer " + key.secretValue())
        .header("Accept", ACCEPT)
        .header("User-Agent", USER_AGENT);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    return b.build();
  }

  private RunPodApiException httpFailure(
      String method, String path, HttpResponse<byte[]> r, String requestId, Collection<String> scrub) {
    int status = r.statusCode();
    Problem problem = RunPodJson.problem(r.body())
        .map(p -> p.redacted(scrub))
        .orElseGet(() -> Problem.ofStatus(status));
    Duration retryAfter = status == 429 || status == 503 ? retryAfter(r).orElse(null) : null;
    return RunPodApiException.http(method, path, status, requestId, problem, retryAfter);
  }

  private static RunPodApiException transportFailure(
      RunPodApiException.Failure failure, String method, String path, IOException e) {
    String reason = switch (failure) {
      case NOT_SENT -> "could not connect (" + e.getClass().getSimpleName() + ")";
      case TIMEOUT -> "no answer within the request timeout";
      default -> "connection lost after sending (" + e.getClass().getSimpleName() + ")";
    };
    return RunPodApiException.failure(failure, method, path, null, reason);
  }

  /** {@code Retry-After} in delay-seconds (RunPod's form) or as an HTTP-date. */
  private Optional<Duration> retryAfter(HttpResponse<?> r) {
    Optional<String> v = r.headers().firstValue("Retry-After").map(String::trim);
    if (v.isEmpty() || v.get().isEmpty()) {
      return Optional.empty();
    }
    String s = v.get();
    if (s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(s.length() > 12 ? "999999999999" : s)));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code x-request-id}, cut to printable ASCII so that it cannot forge a log line. */
  private static String requestId(HttpResponse<?> r) {
    return r.headers().firstValue("x-request-id")
        .map(v -> v.length() > 128 ? v.substring(0, 128) : v)
        .map(v -> v.replaceAll("[^\\x21-\\x7e]", "?"))
        .orElse(null);
  }
}
