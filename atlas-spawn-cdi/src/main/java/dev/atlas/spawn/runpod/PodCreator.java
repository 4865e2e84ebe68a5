package dev.atlas.spawn.runpod;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates one pod without ever leaving two, or leaving one behind on failure.
 *
 * <p>RunPod's create is not idempotent and has no idempotency key, so each spawn carries a unique
 * name. The rules:
 *
 * <ul>
 *   <li>Candidates (one GPU type and cloud each) are tried in order; a 400 (capacity or a rule the
 *       candidate breaks) or a 403 (no access to that pool) moves on to the next one; 402, 422 and
 *       any other refusal stop at once.
 *   <li>A 429 or a request that never left (connection refused) is sent again after the wait.
 *   <li>After an ambiguous failure (5xx, timeout, connection lost after sending, an unreadable 2xx)
 *       the pod list is read, up to {@link RunPodConfig#reconcileLookups()} times, and a pod of that
 *       name is adopted. Only a list read that shows no such pod allows another create; when the
 *       list cannot be read at all, the create is not repeated.
 *   <li>Once a create has been ambiguous, the pod that is finally returned is the only one of its
 *       name: any other is deleted. If the create ends in an error instead, every pod of that name
 *       is deleted before the error is thrown.
 * </ul>
 *
 * <p>One race is left that no client can close: a create RunPod commits only after the client gave
 * up on it and after the list showed no such pod. {@link RunPodProvider} sweeps the name again when
 * that spawn's pod is terminated, and {@link RunPodProvider#listOwned()} lets a reaper find the
 * rest by the {@code atlas-<owner>-} prefix.
 */
public final class PodCreator {
  private static final System.Logger LOG = System.getLogger(PodCreator.class.getName());

  /** One GPU type on one cloud (null: RunPod's default cloud). */
  public record Candidate(String gpuId, Cloud cloud) {
    public Candidate {
      Objects.requireNonNull(gpuId, "gpuId");
    }

    @Override
    public String toString() {
      return cloud == null ? gpuId : gpuId + " (" + cloud + ")";
    }
  }

  /**
   * A created (or adopted) pod.
   *
   * @param pod the one pod of the spec's name
   * @param afterAmbiguity whether some create of this name failed ambiguously on the way: a pod of
   *     that name may still appear later, so sweep the name again when this pod is terminated
   */
  public record Created(Pod pod, boolean afterAmbiguity) {
    public Created {
      Objects.requireNonNull(pod, "pod");
    }
  }

  private final RunPodClient client;
  private final RunPodConfig config;
  private final Backoff backoff;

  public PodCreator(RunPodClient client, RunPodConfig config) {
    this.client = Objects.requireNonNull(client, "client");
    this.config = Objects.requireNonNull(config, "config");
    this.backoff = new Backoff(config.retry(), config.random());
  }

  /**
   * Creates a pod from {@code spec} on the first candidate that places it.
   *
   * @param spec the body; its name must be unique to this spawn, its GPU is replaced per candidate
   * @param candidates at least one, in order of preference
   * @throws RunPodApiException when no candidate placed a pod; no pod of the spec's name is left
   *     behind, as far as RunPod's list can show
   */
  public Created create(PodSpec spec, List<Candidate> candidates) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(candidates, "candidates");
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("candidates: at least one GPU candidate is needed");
    }
    Attempt state = new Attempt(spec.name());
    try {
      for (Candidate c : candidates) {
        Optional<Pod> pod = onCandidate(spec.withGpu(c.gpuId(), c.cloud()), c, state);
        if (pod.isPresent()) {
          return new Created(pod.get(), state.ambiguous);
        }
      }
      throw state.refusal();
    } catch (RunPodApiException e) {
      if (state.ambiguous) {
        removeAll(spec.name(), e);
      }
      throw e;
    }
  }

  /** The pod, or empty when this candidate was refused (next one). Throws when all must stop. */
  private Optional<Pod> onCandidate(PodSpec spec, Candidate candidate, Attempt state) {
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= config.createAttempts();
      RunPodApiException e;
      try {
        Pod pod = client.createPod(spec);
        if (state.ambiguous) {
          removeOthers(spec.name(), pod.id());
        }
        LOG.log(Level.INFO, () -> "created RunPod pod " + pod.id() + " (" + pod.name() + ") on " + candidate);
        return Optional.of(pod);
      } catch (RunPodApiException failure) {
        e = failure;
      }
      if (e.failure() == RunPodApiException.Failure.INTERRUPTED) {
        state.ambiguous = true;
        throw e;
      }
      if (e.ambiguous() || e.failure() == RunPodApiException.Failure.MALFORMED_RESPONSE) {
        state.ambiguous = true;
        LOG.log(Level.DEBUG, "create of {0} may have happened: {1}", spec.name(), e.getMessage());
        Optional<Pod> adopted = reconcile(spec.name(), e);
        if (adopted.isPresent()) {
          removeOthers(spec.name(), adopted.get().id());
          LOG.log(Level.INFO, "adopted RunPod pod {0} ({1}) after an ambiguous create",
              adopted.get().id(), spec.name());
          return adopted;
        }
        Duration wait = e.retryAfter().map(backoff::delay).orElse(backoff.delay(attempt));
        if (last || !backoff.waitsFor(e.retryAfter().orElse(Duration.ZERO))) {
          throw e;
        }
        pause(wait, e);
      } else if (e.failure() == RunPodApiException.Failure.NOT_SENT) {
        if (last) {
          throw e;
        }
        pause(backoff.delay(attempt), e);
      } else if (e.status() == 429) {
        Duration wait = e.retryAfter().orElse(backoff.delay(attempt));
        if (last || !backoff.waitsFor(wait)) {
          throw e;
        }
        pause(backoff.delay(wait), e);
      } else if (e.status() == 400 || e.status() == 403) {
        state.refused(candidate, e);
        return Optional.empty();
      } else {
        throw e;
      }
    }
  }

  /**
   * The pod of this name, if the list shows one. Empty only when a list read succeeded and showed
   * none; when no read succeeds the ambiguous failure is thrown, since creating again could make a
   * second pod.
   */
  private Optional<Pod> reconcile(String name, RunPodApiException cause) {
    RunPodApiException listFailure = null;
    boolean listed = false;
    for (int lookup = 1; lookup <= config.reconcileLookups(); lookup++) {
      try {
        Optional<Pod> found = alive(client.findByName(name)).stream().findFirst();
        if (found.isPresent()) {
          return found;
        }
        listed = true;
      } catch (RunPodApiException e) {
        if (e.failure() == RunPodApiException.Failure.INTERRUPTED) {
          throw e;
        }
        listFailure = e;
      }
      if (lookup < config.reconcileLookups()) {
        pause(backoff.delay(lookup), cause);
      }
    }
    if (!listed) {
      RunPodApiException e = RunPodApiException.withContext(cause,
          "create of " + name + " may have succeeded and the pod list could not be read to check");
      e.addSuppressed(listFailure);
      throw e;
    }
    return Optional.empty();
  }

  /** Deletes every live pod named {@code name} except {@code keepId}. */
  private void removeOthers(String name, String keepId) {
    try {
      for (Pod p : alive(client.findByName(name))) {
        if (!p.id().equals(keepId)) {
          client.terminate(p.id());
          LOG.log(Level.WARNING, "deleted duplicate RunPod pod {0} ({1}); kept {2}", p.id(), name, keepId);
        }
      }
    } catch (RunPodApiException e) {
      LOG.log(Level.WARNING, "could not check for duplicates of RunPod pod {0} ({1}): {2}",
          keepId, name, e.getMessage());
    }
  }

  /**
   * Deletes every pod named {@code name}, after a create that ended in {@code failure}. Runs even when
   * the thread was interrupted (the flag is cleared for the cleanup and set again after).
   */
  private void removeAll(String name, RunPodApiException failure) {
    boolean interrupted = Thread.interrupted();
    try {
      for (Pod p : alive(client.findByName(name))) {
        client.terminate(p.id());
        LOG.log(Level.INFO, "deleted RunPod pod {0} ({1}) of a failed create", p.id(), name);
      }
    } catch (RunPodApiException e) {
      failure.addSuppressed(e);
      LOG.log(Level.WARNING, "a pod named {0} may be left after a failed create; delete it or let the "
          + "reaper do it: {1}", name, e.getMessage());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static List<Pod> alive(List<Pod> pods) {
    List<Pod> out = new ArrayList<>(pods.size());
    for (Pod p : pods) {
      if (p.status() != PodStatus.TERMINATED) {
        out.add(p);
      }
    }
    return out;
  }

  private void pause(Duration wait, RunPodApiException cause) {
    try {
      config.sleeper().sleep(wait);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw RunPodApiException.failure(RunPodApiException.Failure.INTERRUPTED, cause.method(), cause.path(),
          null, "interrupted while waiting to create again, after: " + cause.getMessage());
    }
  }

  /** What one {@link #create} call has seen so far. */
  private static final class Attempt {
    private final String name;
    private boolean ambiguous;
    private final List<String> refusals = new ArrayList<>();
    private RunPodApiException capacity;
    private RunPodApiException other;

    Attempt(String name) {
      this.name = name;
    }

    void refused(Candidate c, RunPodApiException e) {
      refusals.add(c + ": " + e.status() + (e.capacity() ? " no capacity" : ""));
      if (e.capacity()) {
        capacity = e;
      } else {
        other = e;
      }
    }

    /** The error when every candidate was refused: capacity wins over access or rule refusals. */
    RunPodApiException refusal() {
      RunPodApiException representative = capacity != null ? capacity : other;
      return RunPodApiException.withContext(representative,
          "no GPU candidate placed pod " + name + " (tried " + refusals + "); last refusal");
    }
  }
}
