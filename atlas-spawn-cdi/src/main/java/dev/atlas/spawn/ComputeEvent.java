package dev.atlas.spawn;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lifecycle change seen by the {@link ComputeSpawner}: delivered to its listener and, in CDI, fired
 * as an event. Carries ids, never a token, hash or secret.
 */
public sealed interface ComputeEvent {

  /** The provider's name. */
  String provider();

  /** When the spawner saw the change. */
  Instant at();

  /** The provider accepted the create. */
  record Spawned(String computeId, String launchId, String provider, Instant at)
      implements ComputeEvent {
    public Spawned {
      Objects.requireNonNull(computeId, "computeId");
      Objects.requireNonNull(launchId, "launchId");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(at, "at");
    }
  }

  /** The pod is RUNNING and its health probe answered 2xx. */
  record Ready(String computeId, String launchId, String provider, Instant at)
      implements ComputeEvent {
    public Ready {
      Objects.requireNonNull(computeId, "computeId");
      Objects.requireNonNull(launchId, "launchId");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(at, "at");
    }
  }

  /** The pod was terminated (on request, or after a failed readiness wait). */
  record Terminated(String computeId, String provider, Instant at) implements ComputeEvent {
    public Terminated {
      Objects.requireNonNull(computeId, "computeId");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * A spawn failed. {@code computeId} is null when the provider never accepted the create; the
   * message is the {@link ComputeException}'s, which holds no secret.
   */
  record Failed(
      String computeId,
      String launchId,
      String provider,
      ComputeException.Kind kind,
      String message,
      Instant at)
      implements ComputeEvent {
    public Failed {
      Objects.requireNonNull(launchId, "launchId");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(at, "at");
    }

    /** The pod, if the provider had accepted the create. */
    public Optional<String> compute() {
      return Optional.ofNullable(computeId);
    }
  }
}
