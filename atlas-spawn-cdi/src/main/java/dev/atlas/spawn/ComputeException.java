package dev.atlas.spawn;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one exception the spawner and every provider throw. {@link #kind()} is stable and is what
 * callers branch on; the message is for humans. Neither ever holds a secret: providers must not put
 * tokens, API keys, env values or unredacted provider bodies into it.
 *
 * <p>Kinds split into "the service said no" ({@link Kind#UNAUTHORIZED} ... {@link
 * Kind#VALIDATION}, {@link Kind#UNSUPPORTED}) and "no usable answer" ({@link Kind#TIMEOUT}, {@link
 * Kind#TRANSPORT}, {@link Kind#PROVIDER}).
 */
public class ComputeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an operation failed. Stable: new kinds are only ever added. */
  public enum Kind {
    /** The provider rejected our credentials (HTTP 401). */
    UNAUTHORIZED,
    /** Valid credentials without access to this resource or pool (HTTP 403). */
    FORBIDDEN,
    /** No such pod (HTTP 404 on anything but terminate). */
    NOT_FOUND,
    /** Too many requests; see {@link #retryAfter()} (HTTP 429). */
    RATE_LIMITED,
    /** No hardware for this GPU, count, cloud or region right now; another candidate may work. */
    CAPACITY_UNAVAILABLE,
    /** The account cannot pay for the pod (HTTP 402). */
    INSUFFICIENT_BALANCE,
    /** The provider or the spawner rejected the request as malformed (HTTP 400, 422). */
    VALIDATION,
    /** The request conflicts with the pod's current state, e.g. starting a running pod (HTTP 409). */
    CONFLICT,
    /** A deadline passed: the pod did not become ready, or a call did not answer in time. */
    TIMEOUT,
    /** No usable answer: connection refused or reset, TLS failure, unreadable response. */
    TRANSPORT,
    /** The provider answered with an error of its own (HTTP 5xx, a pod that crashed, ...). */
    PROVIDER,
    /** The provider cannot do this (stop/start, a GPU type, a second port, ...). */
    UNSUPPORTED
  }

  private final Kind kind;
  private final String provider;
  private final String computeId;
  private final Duration retryAfter;
  private final int httpStatus;
  private final String requestId;

  /** For subclasses; use {@link #builder(Kind, String)} otherwise. */
  protected ComputeException(Builder b) {
    super(b.message, b.cause);
    this.kind = b.kind;
    this.provider = b.provider;
    this.computeId = b.computeId;
    this.retryAfter = b.retryAfter;
    this.httpStatus = b.httpStatus;
    this.requestId = b.requestId;
  }

  /** An exception of {@code kind} with a message that holds no secret. */
  public static ComputeException of(Kind kind, String message) {
    return builder(kind, message).build();
  }

  /** Starts an exception with the optional details below. */
  public static Builder builder(Kind kind, String message) {
    return new Builder(kind, message);
  }

  public Kind kind() {
    return kind;
  }

  /** The provider that failed, when known. */
  public Optional<String> provider() {
    return Optional.ofNullable(provider);
  }

  /** The pod concerned, when there is one. */
  public Optional<String> computeId() {
    return Optional.ofNullable(computeId);
  }

  /** How long to wait before retrying, from {@code Retry-After} ({@link Kind#RATE_LIMITED}). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The provider's HTTP status, for HTTP-based providers. */
  public OptionalInt httpStatus() {
    return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** The provider's request id (e.g. {@code x-request-id}) for its support, when known. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  @Override
  public String toString() {
    return getClass().getName()
        + ": "
        + kind
        + (provider == null ? "" : " [" + provider + "]")
        + (computeId == null ? "" : " [" + computeId + "]")
        + ": "
        + getMessage();
  }

  /** Builds a {@link ComputeException}. */
  public static final class Builder {
    private final Kind kind;
    private final String message;
    private String provider;
    private String computeId;
    private Duration retryAfter;
    private int httpStatus;
    private String requestId;
    private Throwable cause;

    private Builder(Kind kind, String message) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.message = Objects.requireNonNull(message, "message");
    }

    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    public Builder computeId(String computeId) {
      this.computeId = computeId;
      return this;
    }

    public Builder retryAfter(Duration retryAfter) {
      if (retryAfter != null && retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter: must not be negative, was " + retryAfter);
      }
      this.retryAfter = retryAfter;
      return this;
    }

    public Builder httpStatus(int httpStatus) {
      if (httpStatus < 100 || httpStatus > 599) {
        throw new IllegalArgumentException("httpStatus: not an HTTP status: " + httpStatus);
      }
      this.httpStatus = httpStatus;
      return this;
    }

    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    /** The underlying cause; its message must not hold a secret either. */
    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    public ComputeException build() {
      return new ComputeException(this);
    }
  }
}
