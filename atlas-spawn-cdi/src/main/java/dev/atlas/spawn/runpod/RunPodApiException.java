package dev.atlas.spawn.runpod;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A RunPod call that did not succeed: an error status with its problem body, or no usable answer at
 * all. The message names the method, the path, the status, RunPod's {@code detail} and {@code
 * errors}, and its {@code x-request-id}; never a header, the API key or a pod's environment.
 */
public final class RunPodApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as whether the server acted on the request is concerned. */
  public enum Failure {
    /** RunPod answered with an error status; see {@link #status()} and {@link #problem()}. */
    HTTP(false),
    /** The request never reached RunPod (connection refused, connect timeout): safe to repeat. */
    NOT_SENT(false),
    /** No answer in time after the request was sent: RunPod may have acted on it. */
    TIMEOUT(true),
    /** The connection broke after the request was sent: RunPod may have acted on it. */
    CONNECTION_LOST(true),
    /** A 2xx answer whose body is not what the v2 schema promises. */
    MALFORMED_RESPONSE(false),
    /** The calling thread was interrupted; its interrupt flag is set again. */
    INTERRUPTED(true);

    private final boolean ambiguous;

    Failure(boolean ambiguous) {
      this.ambiguous = ambiguous;
    }
  }

  private final Failure failure;
  private final String method;
  private final String path;
  private final int status;
  private final String requestId;
  private final Problem problem;
  private final Duration retryAfter;

  private RunPodApiException(
      Failure failure, String method, String path, int status, String requestId, Problem problem,
      Duration retryAfter, String reason) {
    super(message(method, path, status, requestId, problem, retryAfter, reason));
    this.failure = failure;
    this.method = method;
    this.path = path;
    this.status = status;
    this.requestId = requestId;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  private RunPodApiException(RunPodApiException like, String message) {
    super(message);
    this.failure = like.failure;
    this.method = like.method;
    this.path = like.path;
    this.status = like.status;
    this.requestId = like.requestId;
    this.problem = like.problem;
    this.retryAfter = like.retryAfter;
  }

  /** {@code like}, with its message preceded by {@code context}. */
  static RunPodApiException withContext(RunPodApiException like, String context) {
    return new RunPodApiException(like, context + ": " + like.getMessage());
  }

  static RunPodApiException http(
      String method, String path, int status, String requestId, Problem problem, Duration retryAfter) {
    Objects.requireNonNull(problem, "problem");
    return new RunPodApiException(Failure.HTTP, method, path, status, requestId, problem, retryAfter, null);
  }

  static RunPodApiException failure(Failure failure, String method, String path, String requestId, String reason) {
    return new RunPodApiException(failure, method, path, 0, requestId, null, null, reason);
  }

  public Failure failure() {
    return failure;
  }

  /** The HTTP method of the failed call. */
  public String method() {
    return method;
  }

  /** The path (and query) of the failed call, such as {@code /v2/pods/abc123}. */
  public String path() {
    return path;
  }

  /** The error status RunPod answered, or 0 when it gave no answer. */
  public int status() {
    return status;
  }

  /** RunPod's {@code x-request-id}, when it answered with one. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** The problem body of an error answer. */
  public Optional<Problem> problem() {
    return Optional.ofNullable(problem);
  }

  /** The wait RunPod asked for with {@code Retry-After}. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Whether RunPod may have acted on the request although the call failed: a 5xx, a timeout, a
   * connection lost after sending. A create that fails this way may have created the pod.
   */
  public boolean ambiguous() {
    return failure.ambiguous || (failure == Failure.HTTP && status >= 500);
  }

  /** Whether this is a 400 whose detail says no machine could be placed. */
  public boolean capacity() {
    return status == 400 && problem != null && problem.isCapacity();
  }

  private static String message(
      String method, String path, int status, String requestId, Problem problem, Duration retryAfter,
      String reason) {
    StringBuilder sb = new StringBuilder("RunPod ").append(method).append(' ').append(path).append(": ");
    if (problem != null) {
      sb.append(status);
      if (!problem.title().isEmpty()) {
        sb.append(' ').append(problem.title());
      }
      if (!problem.detail().isEmpty()) {
        sb.append(": ").append(problem.detail());
      }
      if (!problem.errors().isEmpty()) {
        sb.append(' ').append(problem.errors());
      }
    } else {
      sb.append(reason);
    }
    if (retryAfter != null) {
      sb.append(" (Retry-After ").append(retryAfter.toSeconds()).append(" s)");
    }
    if (requestId != null) {
      sb.append(" (x-request-id ").append(requestId).append(')');
    }
    return sb.toString();
  }
}
