package dev.atlas.auth.http;

import java.util.List;
import java.util.Objects;

/**
 * What to do with one request: the one decision both the servlet and the JAX-RS filter render.
 *
 * <p>An adapter writes every {@link #headers()} as they are; for a {@link Refuse} or {@link
 * Preflight} it then ends the exchange with {@code status()} and an empty body.
 */
public sealed interface Decision {
  /** Why: a code safe to log. */
  Reason reason();

  /** Header fields to put on the response (challenge, cache control); never a secret. */
  List<Header> headers();

  /** Whether the request goes on to the application. */
  default boolean proceeds() {
    return this instanceof Allow || this instanceof Pass;
  }

  /** Authenticated: go on, as {@code principal}. */
  record Allow(BearerPrincipal principal, Reason reason, List<Header> headers) implements Decision {
    public Allow {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(reason, "reason");
      headers = List.copyOf(headers);
    }
  }

  /** Not subject to authentication (an excluded path, a CORS preflight): go on, anonymous. */
  record Pass(Reason reason) implements Decision {
    public Pass {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public List<Header> headers() {
      return List.of();
    }
  }

  /** Refused: answer {@code status} with these headers and an empty body. */
  record Refuse(int status, Reason reason, List<Header> headers) implements Decision {
    public Refuse {
      Objects.requireNonNull(reason, "reason");
      headers = List.copyOf(headers);
    }

    /** The {@code WWW-Authenticate} value, or null when the status carries no challenge. */
    public String challenge() {
      for (Header h : headers) {
        if (h.name().equals(Challenges.WWW_AUTHENTICATE)) {
          return h.value();
        }
      }
      return null;
    }
  }

  /** A CORS preflight from an allowed origin: answer {@code 204} with these headers. */
  record Preflight(List<Header> headers) implements Decision {
    public Preflight {
      headers = List.copyOf(headers);
    }

    @Override
    public Reason reason() {
      return Reason.PREFLIGHT_ANSWERED;
    }

    /** The status of the answer: 204 No Content. */
    public int status() {
      return 204;
    }
  }
}
