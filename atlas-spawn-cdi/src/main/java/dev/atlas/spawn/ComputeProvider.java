package dev.atlas.spawn;

import java.util.List;
import java.util.Optional;

/**
 * The provider SPI: one cloud (or the local machine) that runs pods. Implementations are found
 * through {@link ComputeProviderFactory} and {@link java.util.ServiceLoader} in plain Java, or as
 * CDI beans of this type in a container. Each must pass the shared conformance suite ({@code
 * dev.atlas.spawn.conformance.ComputeProviderConformance} in this module's test-jar).
 *
 * <p>Rules for implementations: thread-safe; never log, return or put into an exception a value
 * of {@link LaunchSpec#environmentWithSecrets()}; throw only {@link ComputeException}; never
 * import the spawner or an orchestrator (talk to nothing but the provider's own API).
 */
public interface ComputeProvider extends AutoCloseable {

  /** A short lowercase name, e.g. {@code runpod}, {@code local}, {@code fake}. */
  String name();

  /** What this provider supports. */
  ProviderCapabilities capabilities();

  /**
   * Creates a pod and returns as soon as the provider accepted it (typically {@link
   * ComputeStatus#PROVISIONING} or {@link ComputeStatus#STARTING}); does not wait for readiness.
   * Sets the pod's environment to {@link LaunchSpec#environmentWithSecrets()}.
   *
   * @throws ComputeException {@link ComputeException.Kind#UNSUPPORTED} for a request the provider
   *     cannot run (a GPU it does not sell, too many ports), or any kind the provider reports
   */
  Compute spawn(LaunchSpec spec);

  /** The pod's current state, or empty if the provider does not know (or no longer knows) it. */
  Optional<Compute> get(String id);

  /** Every pod this provider can see with its credentials (the local provider: its own children). */
  List<Compute> list();

  /**
   * Stops a pod, keeping it so it can be started again.
   *
   * @throws ComputeException {@link ComputeException.Kind#UNSUPPORTED} unless {@link
   *     ProviderCapabilities#stopStart()}; {@link ComputeException.Kind#NOT_FOUND} for an unknown id
   */
  default Compute stop(String id) {
    throw ComputeException.builder(ComputeException.Kind.UNSUPPORTED, name() + " cannot stop pods")
        .provider(name())
        .computeId(id)
        .build();
  }

  /**
   * Starts a stopped pod again. Ports and URLs may change: re-read them.
   *
   * @throws ComputeException as {@link #stop(String)}
   */
  default Compute start(String id) {
    throw ComputeException.builder(ComputeException.Kind.UNSUPPORTED, name() + " cannot start pods")
        .provider(name())
        .computeId(id)
        .build();
  }

  /**
   * Terminates a pod for good. Idempotent: a pod that is already gone (or was never known) is a
   * success, not {@link ComputeException.Kind#NOT_FOUND}.
   */
  void terminate(String id);

  /** Releases the provider's own resources. Providers that own their pods (local) end them too. */
  @Override
  default void close() {}
}
