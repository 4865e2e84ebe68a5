package dev.atlas.spawn.runpod;

import dev.atlas.spawn.ComputeException;
import dev.atlas.spawn.ComputeException.Kind;

/** Maps a {@link RunPodApiException} to the spawner's stable error kinds. */
final class RunPodErrors {
  private RunPodErrors() {}

  static Kind kind(RunPodApiException e) {
    return switch (e.failure()) {
      case TIMEOUT -> Kind.TIMEOUT;
      case NOT_SENT, CONNECTION_LOST, MALFORMED_RESPONSE, INTERRUPTED -> Kind.TRANSPORT;
      case HTTP -> statusKind(e);
    };
  }

  private static Kind statusKind(RunPodApiException e) {
    int status = e.status();
    if (status >= 500) {
      return Kind.PROVIDER;
    }
    return switch (status) {
      case 400 -> e.capacity() ? Kind.CAPACITY_UNAVAILABLE : Kind.VALIDATION;
      case 401 -> Kind.UNAUTHORIZED;
      case 402 -> Kind.INSUFFICIENT_BALANCE;
      case 403 -> Kind.FORBIDDEN;
      case 404 -> Kind.NOT_FOUND;
      case 409 -> Kind.CONFLICT; // the action is not legal in the pod's current status
      case 422 -> Kind.VALIDATION;
      case 429 -> Kind.RATE_LIMITED;
      default -> Kind.PROVIDER; // 405, 410 (a retired API answered: check the base URL), ...
    };
  }

  static ComputeException toCompute(RunPodApiException e, String computeId) {
    String message = e.getMessage();
    if (e.status() == 409) {
      message += " (conflict: the action is not legal in the pod's current status)";
    } else if (e.status() == 410) {
      message += " (410 Gone: a retired RunPod API answered; check " + RunPodConfig.BASE_URL + ")";
    }
    ComputeException.Builder b = ComputeException.builder(kind(e), message)
        .provider(RunPodProvider.NAME)
        .computeId(computeId)
        .cause(e);
    if (e.status() != 0) {
      b.httpStatus(e.status());
    }
    e.requestId().ifPresent(b::requestId);
    e.retryAfter().ifPresent(b::retryAfter);
    return b.build();
  }
}
